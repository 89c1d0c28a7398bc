"""What is GitHub-specific: the Action's step, workflow commands, outputs, summary, workflow."""
