"""The questions of the anonymous feedback form, declared once: the form, the review page,
the summaries and the docs read them from here.

They match the monitoring return's outcome measures (shared/spec/monitoring-return-v1.md):
feeling safer (safety_intake/safety_exit), wellbeing (wellbeing_intake/wellbeing_exit),
what helped (the return's session types) and what was missing (the return's needs codes),
so that what survivors say sits beside what the returns count. Plain words, no question
that asks who the person is.
"""

from __future__ import annotations

from dataclasses import dataclass

from daboard.returns.standard import CURRENT as std

PREFER_NOT = "prefer_not_to_say"


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    hint: str
    choices: tuple[tuple[str, str], ...]
    multiple: bool = False
    matches: str = ""  # the return's measure it speaks to

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.choices)

    def label_of(self, code: str) -> str:
        return dict(self.choices).get(code, code)


HELPED_LABELS = {
    "one_to_one": "Talking one to one with a support worker",
    "group": "A group with other people",
    "advocacy": "Someone speaking up for me (an advocate or IDVA)",
    "counselling": "Counselling",
    "helpline": "The helpline",
    "outreach": "Visits or support where I live",
    "family": "Support for my family or children",
    "other": "Something else",
}
MISSING_LABELS = {
    "safety": "Help to feel safe",
    "housing": "Somewhere safe to live",
    "finance": "Help with money",
    "mental_health": "Help with my mental health",
    "physical_health": "Help with my physical health",
    "substance_misuse": "Help with drink or drugs",
    "legal": "Legal help",
    "children": "Help for my children",
    "immigration": "Help with immigration",
    "employment_education": "Help with work or learning",
    "social_isolation": "Feeling less alone",
    "other": "Something else",
}

FELT_SAFER = Question(
    "felt_safer", "Do you feel safer than before you had support?", "",
    (("yes", "Yes"), ("a_little", "A little"), ("no", "No"), (PREFER_NOT, "I would rather not say")),
    matches="safety")
WELLBEING = Question(
    "wellbeing", "How do you feel in yourself now, compared with before?", "For example your confidence and how you cope.",
    (("better", "Better"), ("same", "About the same"), ("worse", "Worse"), (PREFER_NOT, "I would rather not say")),
    matches="wellbeing")
HELPED = Question(
    "helped", "What helped you?", "Choose all that apply.",
    tuple((code, HELPED_LABELS[code]) for code in std.SESSION_TYPES), multiple=True, matches="session_types")
MISSING = Question(
    "missing", "What help did you need that you did not get?", "Choose all that apply.",
    tuple((code, MISSING_LABELS[code]) for code in std.NEEDS), multiple=True, matches="needs")

QUESTIONS: tuple[Question, ...] = (FELT_SAFER, WELLBEING, HELPED, MISSING)
BY_NAME = {q.name: q for q in QUESTIONS}

FREE_TEXT_LABEL = "Is there anything else you want to tell us about the support?"
FREE_TEXT_HINT = ("Please do not write your name, or anything that could show who you or anyone else are, such as "
                  "names, places or dates. A council officer reads this first and removes anything like that.")
FREE_TEXT_MAX = 1500


def bits_of(codes: list[str], question: Question) -> int:
    """Chosen codes of a multiple-choice question as a bit set (bit i: the i-th code)."""
    return sum(1 << i for i, code in enumerate(question.codes) if code in set(codes))


def codes_of(bits: int, question: Question) -> list[str]:
    return [code for i, code in enumerate(question.codes) if bits & (1 << i)]
