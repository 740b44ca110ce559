"""Survivor voice: the board's Scrutiny and Reference Group, and anonymous feedback from
victim-survivors that is safe to give. Sits above returns and below insights (see
docs/architecture.md): insights reads its aggregates, strategy's calendar its duties."""
