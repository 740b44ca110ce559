"""Each app declares on its AppConfig what it lends to core and the demo (core.appconfig):
its retention rules, its home-page panel and its demo steps."""

import importlib

import pytest
from django.apps import apps

from daboard.core import retention
from daboard.core.appconfig import DaboardAppConfig
from daboard.demo import loader

APPS_WITH_RULES = ["board", "returns", "voice", "insights"]


@pytest.mark.parametrize("label", ["board", "commissioning", "returns", "voice", "insights", "partnership", "strategy"])
def test_each_app_is_run_by_its_own_app_config_not_django_s_plain_one(label):
    config = apps.get_app_config(label)
    assert type(config).__module__ == f"daboard.{label}.apps"
    assert config.declared_demo_steps(), f"{label} declares no demo steps"


@pytest.mark.parametrize("label", APPS_WITH_RULES)
def test_the_retention_run_applies_every_rule_each_app_keeps(label):
    rules = importlib.import_module(f"daboard.{label}.retention").RULES
    assert rules and all(retention._RULES.get(rule.name) is rule for rule in rules)


def test_the_demo_loads_every_step_the_apps_declare(db, monkeypatch):
    declared = [step for config in apps.get_app_configs() if isinstance(config, DaboardAppConfig)
                for step in config.declared_demo_steps()]
    titles = {step.title for step in declared}
    monkeypatch.setattr(loader, "STEPS", [s for s in loader.STEPS if s[0] not in titles])
    loaded = []
    for step in declared:
        module, name = step.loader.rsplit(".", 1)
        monkeypatch.setattr(importlib.import_module(module), name, lambda title=step.title: loaded.append(title))
    base = {name for name, _ in loader.STEPS}
    loader.load_all(skip=tuple(base))
    assert loaded == [step.title for step in declared]
