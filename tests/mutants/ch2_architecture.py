"""Plausible wrong answers for the ch2_architecture exercise (see tests/mutations.py)."""

from mutations import Mutant

MUTANTS: list[Mutant] = []
