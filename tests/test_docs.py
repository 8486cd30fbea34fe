"""Every command has help text and is documented in the README; the README's set-up is what CI runs."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from icp_assist.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(name: str):
    command = cli.commands[name]
    assert command.help and len(command.help) > 20
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"icp-assist {name}" in README


def test_every_option_has_help():
    for command in cli.commands.values():
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), f"{command.name} {param.name}"


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"^make (\w+)", README, flags=re.MULTILINE)
    assert commands[:2] == ["demo", "test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
