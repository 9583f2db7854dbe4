"""Plausible wrong answers for the chapter-1 exercise (see tests/mutations.py)."""

from mutations import Mutant

MUTANTS: list[Mutant] = []
