"""Demo content: a dozen stories written for newsflow, loaded by ``newsflow demo``."""
