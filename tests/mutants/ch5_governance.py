"""Plausible wrong answers for the ch5_governance exercise (see tests/mutations.py)."""

from mutations import Mutant

MUTANTS: list[Mutant] = []
