"""Evaluation: conditions over declared facts, findings, scores and review flags. No I/O."""
