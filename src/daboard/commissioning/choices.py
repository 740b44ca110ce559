# The commissioning app's fixed lists of choices, apart from its models so that they read as data;
# commissioning.models imports them all, so code that reads them from there keeps working.

from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved by the board"


class SupportCategory(models.TextChoices):
    """The types of support in safe accommodation of the statutory guidance, used by the
    ministry's annual return for spend."""
    COORDINATION = "coordination", "Overseeing, management and co-ordination of support"
    ADVOCACY = "advocacy", "Advocacy support"
    PREVENTION = "prevention", "Domestic abuse prevention advice"
    SPECIALIST = "specialist", "Specialist support for victims with protected characteristics or complex needs"
    CHILDREN = "children", "Children's support"
    HOUSING = "housing", "Housing-related support"
    ADVICE = "advice", "Advice services"
    COUNSELLING = "counselling", "Counselling and therapy"


class ContractStatus(models.TextChoices):
    DRAFTING = "drafting", "Being drawn up"
    LIVE = "live", "Live"
    EXTENDED = "extended", "Extended"
    ENDED = "ended", "Ended"


class ExerciseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    LIVE = "live", "Live (open for bids)"
    CLOSED = "closed", "Closed"
    AWARDED = "awarded", "Awarded"


class AwardRoute(models.TextChoices):
    PENDING = "pending", "Not yet awarded"
    COMPETITION = "competition", "Awarded after competition"
    DIRECT = "direct", "Direct award"
    NOT_AWARDED = "not_awarded", "Not awarded"


class CommitmentKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    LOT = "lot_award", "Lot award"
    POST = "post", "In-house post or team"
    GRANT = "grant", "Grant to a partner"
    PLAN_LINE = "plan_line", "Spend-plan line"
    PURCHASE = "purchase", "One-off purchase"


class PostStatus(models.TextChoices):
    PLANNED = "planned", "Planned (not yet advertised)"
    VACANT = "vacant", "Vacant"
    RECRUITING = "recruiting", "Recruiting"
    INTERVIEW = "interview", "Interviews arranged"
    OFFERED = "offered", "Recruited, not yet in post"
    IN_POST = "in_post", "In post"
    ENDED = "ended", "Ended"

