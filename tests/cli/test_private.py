"""`hrcli private` and the private store's part in collect, check and compile, through the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from hrcli.private import PrivateStore, key_from_env
from tests.cli.conftest import run_cli
from tests.private.keys import new_identity, no_key, use_new_key

NAME, PHONE, EMAIL, ADDRESS = "Quentin Aldergrove", "(614) 555-0173", "q.aldergrove@mail.example.net", "2271 Wrenfield Rd"

NEW_FLAGS = [
    "--title", "Locked out by the landlord", "--kind", "problem", "--collected-on", "2024-03-01",
    "--method", "interview", "--area", "Eastgate", "--pseudonym", "Resident A",
    "--consent", "publish-anonymous", "--un", "--theme", "housing", "--recommendation", "upr-2020:26.286",
    "--summary", "The landlord changed the locks while the family was at work.", "--no-input",
]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    no_key(monkeypatch)
    monkeypatch.setenv("HRCLI_TRACEBACK", "1")  # an internal error raises instead of exiting 2


def load(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def committed_files(project: Path) -> list[Path]:
    """Every file `git add -A` would commit (respecting .gitignore), after `git init`."""
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=project, check=True, capture_output=True).stdout.decode()
    return [project / name for name in listed.split("\0") if name]


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --- keygen, init, show, edit ----------------------------------------------------------------


def test_keygen_prints_a_usable_identity_and_writes_nothing(project, monkeypatch):
    monkeypatch.chdir(project)
    before = sorted(project.rglob("*"))
    result = run_cli("private", "keygen")
    assert result.exit_code == 0
    secret = result.stdout.strip()
    assert secret.startswith("AGE-SECRET-KEY-1") and "public key: age1" in result.stderr
    assert sorted(project.rglob("*")) == before
    monkeypatch.setenv("HRCLI_PRIVATE_KEY", secret)
    assert run_cli("private", "init", "-p", project).exit_code == 0
    assert (project / "private" / "identities.age").is_file()


def test_private_commands_without_a_key_say_how_to_get_one(project):
    result = run_cli("private", "show", "T-0001", "-p", project)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the private store needs a key, and none is set")
    assert "hrcli private keygen" in result.stderr


def test_collect_new_routes_identities_to_the_store(project, monkeypatch, tmp_path):
    no_key(monkeypatch)
    refused = run_cli("collect", "new", project, *NEW_FLAGS, "--name", NAME, "--contact", PHONE)
    assert refused.exit_code == 2 and "refusing to save" in refused.stderr and "nothing was written" in refused.stderr
    assert NAME not in refused.output and PHONE not in refused.output
    assert not list((project / "testimony").glob("*.yaml"))

    use_new_key(monkeypatch)
    recording = tmp_path / "interview.m4a"
    recording.write_bytes(b"audio of the interview")
    result = run_cli("collect", "new", project, *NEW_FLAGS, "--name", NAME, "--contact", PHONE,
                     "--address", ADDRESS, "--notes", "prefers evenings", "--file", recording)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    text = path.read_text(encoding="utf-8")
    assert NAME not in text and PHONE not in text and ADDRESS not in text
    assert load(path)["narrator"] == {"pseudonym": "Resident A", "private": True}
    shown = run_cli("private", "show", "T-0001", "-p", project, "--format", "json")
    assert json.loads(shown.stdout) == {"id": "T-0001", "name": NAME, "contact": PHONE, "address": ADDRESS,
                                        "notes": "prefers evenings", "files": ["interview.m4a"]}
    assert PrivateStore(project).read_file(key_from_env(), "T-0001", "interview.m4a") == b"audio of the interview"
    assert run_cli("check", "--project", project, "--no-cache").exit_code == 0


def test_collect_new_keeps_a_public_name_only_when_asked(project, monkeypatch):
    use_new_key(monkeypatch)
    flags = [f if f != "publish-anonymous" else "publish-named" for f in NEW_FLAGS]
    kept = run_cli("collect", "new", project, *flags, "--name", NAME, "--contact", PHONE, "--keep-name")
    assert kept.exit_code == 0, kept.output
    assert load(Path(kept.stdout.strip()))["narrator"]["name"] == NAME
    stored = run_cli("collect", "new", project, *flags, "--name", NAME)
    assert "name" not in load(Path(stored.stdout.strip()))["narrator"]
    assert PrivateStore(project).load(key_from_env()).records["T-0002"].name == NAME


@pytest.fixture
def testimony(project: Path) -> Path:
    path = project / "testimony" / "T-0001.yaml"
    path.write_text(
        "# yaml-language-server: $schema=../schema/testimony.schema.json\n"
        "id: T-0001\n"
        "title: Locked out\n"
        "kind: problem\n"
        "collected: {on: 2024-03-01, method: interview}\n"
        "# who spoke\n"
        "narrator:\n"
        "  pseudonym: Resident A   # as the report says it\n"
        "  groups: [Women & girls]\n"
        "consent: {scope: publish-anonymous}\n"
        "recommendations: [upr-2020:26.286]\n"
        "summary: The landlord changed the locks.\n",
        encoding="utf-8",
    )
    return path


def test_edit_with_flags_saves_the_record_and_marks_the_testimony(project, testimony, monkeypatch):
    use_new_key(monkeypatch)
    before = testimony.read_text(encoding="utf-8")
    result = run_cli("private", "edit", "T-0001", "-p", project, "--set", f"name={NAME}", "--set", f"contact={PHONE}")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(testimony)
    after = testimony.read_text(encoding="utf-8")
    # One line added, everything else (comments included) as it was.
    assert after == before.replace("  pseudonym: Resident A", "  private: true\n  pseudonym: Resident A")
    again = run_cli("private", "edit", "T-0001", "-p", project, "--unset", "contact")
    assert again.exit_code == 0 and again.stdout == ""  # already marked
    record = PrivateStore(project).load(key_from_env()).records["T-0001"]
    assert (record.name, record.contact) == (NAME, None)
    bad = run_cli("private", "edit", "T-0001", "-p", project, "--set", "phone=1")
    assert bad.exit_code == 2 and "FIELD=VALUE" in bad.stderr
    missing = run_cli("private", "edit", "T-0404", "-p", project, "--set", "name=X")
    assert missing.exit_code == 1 and "no testimony T-0404" in missing.stderr


def test_edit_in_the_editor_uses_a_private_temporary_copy(project, testimony, monkeypatch, tmp_path):
    use_new_key(monkeypatch)
    run_cli("private", "edit", "T-0001", "-p", project, "--set", f"name={NAME}")
    seen = tmp_path / "seen.txt"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib, os, stat\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(str(p) + '\\n' + oct(stat.S_IMODE(os.stat(p).st_mode)) + '\\n' + p.read_text())\n"
        f"p.write_text(p.read_text().replace('contact: null', 'contact: {EMAIL}'))\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    result = run_cli("private", "edit", "T-0001", "-p", project)
    assert result.exit_code == 0, result.output
    temporary, mode, shown = seen.read_text().split("\n", 2)
    assert mode == "0o600" and f"name: \"{NAME}\"" in shown
    assert not Path(temporary).exists()  # the decrypted copy is gone
    assert PrivateStore(project).load(key_from_env()).records["T-0001"].contact == EMAIL


# --- export, rotate-key ------------------------------------------------------------------------


def test_export_refuses_the_project_and_git_work_trees(project, testimony, monkeypatch, tmp_path):
    use_new_key(monkeypatch)
    run_cli("private", "edit", "T-0001", "-p", project, "--set", f"name={NAME}", "--set", f"contact={PHONE}")
    inside = run_cli("private", "export", project / "names.csv", "-p", project)
    assert inside.exit_code == 2 and "inside the project" in inside.stderr
    assert not (project / "names.csv").exists()
    outside = tmp_path / "records" / "names.csv"
    result = run_cli("private", "export", outside, "-p", project)
    assert result.exit_code == 0, result.output
    assert outside.read_text().splitlines() == ["id,name,contact,address,notes,files", f'T-0001,{NAME},{PHONE},,,']
    assert outside.stat().st_mode & 0o077 == 0
    again = run_cli("private", "export", outside, "-p", project)
    assert again.exit_code == 2 and "never overwrites" in again.stderr
    as_json = run_cli("private", "export", tmp_path / "names.json", "-p", project)
    assert json.loads((tmp_path / "names.json").read_text())[0]["name"] == NAME and as_json.exit_code == 0
    forced = run_cli("private", "export", project / "names.json", "-p", project, "--force")
    assert forced.exit_code == 0


@needs_git
def test_export_refuses_any_git_work_tree(project, testimony, monkeypatch, tmp_path):
    use_new_key(monkeypatch)
    run_cli("private", "edit", "T-0001", "-p", project, "--set", f"name={NAME}")
    repository = tmp_path / "other-repo"
    repository.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repository, check=True)
    result = run_cli("private", "export", repository / "sub" / "names.csv", "-p", project)
    assert result.exit_code == 2 and "inside the git work tree" in result.stderr


def test_rotate_key_from_the_environment_and_generated(project, testimony, monkeypatch):
    old = use_new_key(monkeypatch)
    run_cli("private", "edit", "T-0001", "-p", project, "--set", f"name={NAME}")
    missing = run_cli("private", "rotate-key", "-p", project)
    assert missing.exit_code == 2 and "no new key" in missing.stderr
    new = new_identity()
    monkeypatch.setenv("HRCLI_NEW_PRIVATE_KEY", new)
    result = run_cli("private", "rotate-key", "-p", project)
    assert result.exit_code == 0, result.output
    assert run_cli("private", "show", "T-0001", "-p", project).exit_code == 2  # the old key no longer opens it
    monkeypatch.setenv("HRCLI_PRIVATE_KEY", new)
    monkeypatch.delenv("HRCLI_NEW_PRIVATE_KEY")
    assert NAME in run_cli("private", "show", "T-0001", "-p", project).stdout
    generated = run_cli("private", "rotate-key", "-p", project, "--generate", "--keep-backup")
    assert generated.exit_code == 0, generated.output
    newest = generated.stdout.strip()
    assert newest.startswith("AGE-SECRET-KEY-1") and newest not in (old, new)
    assert len(list((project / "private").glob("backup-*"))) == 1
    monkeypatch.setenv("HRCLI_PRIVATE_KEY", newest)
    assert NAME in run_cli("private", "show", "T-0001", "-p", project).stdout


# --- migrate -----------------------------------------------------------------------------------

OLD_STYLE = """\
# yaml-language-server: $schema=../schema/testimony.schema.json
id: T-0001
title: Locked out
kind: problem
# method: interview | listening-session | survey
collected:
  on: 2024-03-01
  method: interview
# name and contact identify the person
narrator:
  pseudonym: Resident A  # how the report names her
  name: Quentin Aldergrove
  contact: (614) 555-0142
  groups:
    - Women & girls
# scope: internal | publish-anonymous | publish-named
consent:
  scope: publish-anonymous
  obtained: 2024-03-01
recommendations:
  - upr-2020:26.286
summary: The landlord changed the locks while the family was at work. The family slept in the car
  for a week.
"""
NAMED_FLOW = """\
id: T-0002
title: Organizer
kind: progress
collected: {on: 2024-03-01, method: interview}
narrator: {pseudonym: Organizer, name: Odalys Quenneville, contact: odalys@example.net}  # flow style
consent: {scope: publish-named, un_submission: true}
recommendations: [upr-2020:26.287]
summary: The union won repairs.
"""
CSV_FILE = (
    "id,title,kind,collected.on,collected.method,narrator.name,narrator.contact,consent.scope,recommendations,summary\r\n"
    "T-0003,Rent,problem,2024-03-01,interview,Ines Marlowe,555-0177,internal,upr-2020:26.287,\"The rent doubled, twice.\"\r\n"
    "T-0004,Union,progress,2024-03-01,interview,Odile Brandt,,publish-named,upr-2020:26.287,The union won.\r\n"
)


def test_migrate_round_trips_a_project_keeping_comments(project, monkeypatch):
    folder = project / "testimony"
    (folder / "T-0001.yaml").write_text(OLD_STYLE, encoding="utf-8")
    (folder / "T-0002.yaml").write_text(NAMED_FLOW, encoding="utf-8")
    (folder / "more.csv").write_bytes(CSV_FILE.encode())
    assert run_cli("check", "--project", project, "--no-cache").exit_code == 1  # HR303

    dry = run_cli("private", "migrate", "-p", project, "--dry-run")
    assert dry.exit_code == 0 and "would move out of testimony/T-0001.yaml: T-0001: name, contact" in dry.stderr
    assert (folder / "T-0001.yaml").read_text(encoding="utf-8") == OLD_STYLE
    refused = run_cli("private", "migrate", "-p", project)
    assert refused.exit_code == 2 and "needs a key" in refused.stderr
    assert (folder / "T-0001.yaml").read_text(encoding="utf-8") == OLD_STYLE

    use_new_key(monkeypatch)
    result = run_cli("private", "migrate", "-p", project)
    assert result.exit_code == 0, result.output
    # Block style: the two lines give way to one, every comment and the folded summary stay.
    assert (folder / "T-0001.yaml").read_text(encoding="utf-8") == OLD_STYLE.replace(
        "  name: Quentin Aldergrove\n  contact: (614) 555-0142\n", "  private: true\n")
    # Flow style: rewritten by ruamel's round trip; the name stays (publish-named), the comment too.
    flow = (folder / "T-0002.yaml").read_text(encoding="utf-8")
    assert "odalys@example.net" not in flow and "# flow style" in flow
    assert load(folder / "T-0002.yaml")["narrator"] == {"pseudonym": "Organizer", "name": "Odalys Quenneville", "private": True}
    csv_text = (folder / "more.csv").read_bytes().decode("utf-8")
    assert "Ines Marlowe" not in csv_text and "555-0177" not in csv_text and "Odile Brandt" in csv_text
    assert '"The rent doubled, twice."' in csv_text and csv_text.endswith("\r\n")

    records = PrivateStore(project).load(key_from_env()).records
    assert (records["T-0001"].name, records["T-0001"].contact) == ("Quentin Aldergrove", "(614) 555-0142")
    assert (records["T-0002"].name, records["T-0002"].contact) == (None, "odalys@example.net")
    assert (records["T-0003"].name, records["T-0003"].contact) == ("Ines Marlowe", "555-0177")
    assert "T-0004" not in records
    assert run_cli("check", "--project", project, "--no-cache").exit_code == 0
    again = run_cli("private", "migrate", "-p", project)
    assert again.exit_code == 0 and "out of 0 files" in again.stderr


def test_migrate_marks_csv_rows_private_where_the_file_can_say_so(project, monkeypatch):
    marked = CSV_FILE.replace("narrator.contact,", "narrator.contact,narrator.private,").replace(
        "555-0177,", "555-0177,,").replace("Odile Brandt,,", "Odile Brandt,,,")
    (project / "testimony" / "more.csv").write_bytes(marked.encode())
    use_new_key(monkeypatch)
    result = run_cli("private", "migrate", "-p", project, "--all-names")
    assert result.exit_code == 0, result.output
    rows = (project / "testimony" / "more.csv").read_bytes().decode("utf-8").splitlines()
    assert rows[1].startswith("T-0003,Rent,problem,2024-03-01,interview,,,yes,internal,")
    assert rows[2].startswith("T-0004,Union,progress,2024-03-01,interview,,,yes,publish-named,")  # --all-names
    records = PrivateStore(project).load(key_from_env()).records
    assert (records["T-0003"].name, records["T-0004"].name) == ("Ines Marlowe", "Odile Brandt")
    assert run_cli("check", "--project", project, "--no-cache").exit_code == 0


def test_migrate_never_overwrites_different_values_in_the_store(project, monkeypatch):
    use_new_key(monkeypatch)
    path = project / "testimony" / "T-0001.yaml"
    path.write_text(OLD_STYLE, encoding="utf-8")
    run_cli("private", "edit", "T-0001", "-p", project, "--set", "name=Someone Else")
    before = path.read_text(encoding="utf-8")
    result = run_cli("private", "migrate", "-p", project)
    assert result.exit_code == 1 and "skipped testimony/T-0001.yaml: the private store already holds different values" in result.stderr
    assert path.read_text(encoding="utf-8") == before
    assert PrivateStore(project).load(key_from_env()).records["T-0001"].name == "Someone Else"


# --- the "done when" ---------------------------------------------------------------------


@needs_git
def test_an_import_with_names_and_phones_leaves_no_identifying_value_in_committed_files(project, monkeypatch, tmp_path):
    use_new_key(monkeypatch)
    export = tmp_path / "survey.csv"
    export.write_text(
        "Title,What happened,Consent,Name,Phone,Address,Notes\n"
        f"Locked out,The locks were changed.,publish-anonymous,{NAME},{PHONE},{ADDRESS},call after 6\n"
        "No heat,The radiators stayed cold.,publish-named,Odalys Quenneville,odalys@example.net,,\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns: {Title: title, What happened: summary, Consent: consent.scope, Name: narrator.name,\n"
        "          Phone: narrator.contact, Address: private.address, Notes: private.notes}\n"
        "defaults: {kind: problem, collected.method: survey, collected.on: '2024-07-02'}\n",
        encoding="utf-8",
    )
    result = run_cli("collect", "import", export, "--project", project, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    assert "identifying data of 2 testimonies went to the encrypted private store" in result.stderr
    values = [NAME, PHONE, ADDRESS, "call after 6", "Odalys Quenneville", "odalys@example.net"]
    committed = committed_files(project)
    assert any(p.name == "T-0001.yaml" for p in committed)
    assert not any(p.is_relative_to(project / "private") for p in committed)
    for path in committed:
        content = path.read_bytes()
        assert not any(v.encode() in content for v in values), path
    assert run_cli("check", "--project", project, "--no-cache").exit_code == 0
    records = PrivateStore(project).load(key_from_env()).records
    assert records["T-0001"].address == ADDRESS and records["T-0002"].name == "Odalys Quenneville"


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_check_fails_on_planted_values_and_never_prints_them(project, testimony, output_format):
    testimony.write_text(testimony.read_text().replace(
        "summary: The landlord changed the locks.",
        f"summary: The landlord changed the locks. Call her at {PHONE} or write to {EMAIL}."), encoding="utf-8")
    (project / "testimony" / "T-0002.yaml").write_text(
        "id: T-0002\ntitle: No heat\nkind: problem\ncollected: {on: 2024-03-01, method: interview}\n"
        f"narrator: {{pseudonym: Mr. K, name: {NAME}}}\nconsent: {{scope: internal}}\n"
        "recommendations: [upr-2020:26.286]\nsummary: Cold all winter.\n", encoding="utf-8")
    (project / "sections" / "02-housing.md").write_text(f"# Housing\n\nOne family lived at {ADDRESS} [@T-0001].\n", encoding="utf-8")
    result = run_cli("check", "--project", project, "--no-cache", "--format", output_format)
    assert result.exit_code == 1
    for code in ("HR303", "HR603", "HR604", "HR605"):
        assert code in result.stdout
    for value in (NAME, "Aldergrove", PHONE, "555-0173", EMAIL, ADDRESS, "Wrenfield"):
        assert value not in result.output


@needs_git
def test_check_finds_private_files_in_git_and_in_clear(project, monkeypatch):
    use_new_key(monkeypatch)
    assert run_cli("private", "init", "-p", project).exit_code == 0
    (project / "private" / "names.csv").write_text(f"T-0001,{NAME}\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-f", "private/identities.age"], cwd=project, check=True)
    result = run_cli("check", "--project", project, "--no-cache", "--format", "json")
    found = {(d["code"], d["location"]["path"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("HR601", "private/names.csv") in found
    assert ("HR602", "private/identities.age") in found
    assert ("HR602", "private/names.csv") not in found  # ignored by the .gitignore init wrote
    assert result.exit_code == 1 and NAME not in result.output


# --- compile -----------------------------------------------------------------------------------


@pytest.fixture
def named_in_store(repo_root, tmp_path, monkeypatch) -> Path:
    """The example, with T-0011's publish-named narrator's name moved into a private store."""
    target = tmp_path / "riverton"
    shutil.copytree(repo_root / "examples" / "riverton", target, ignore=shutil.ignore_patterns(".hrcli-cache", "output"))
    use_new_key(monkeypatch)
    result = run_cli("private", "migrate", "-p", target, "--all-names")
    assert result.exit_code == 0, result.output
    return target


def test_the_example_compiles_without_a_key(example):
    result = run_cli("compile", example, "--to", "md", "-t", "city-report")
    assert result.exit_code == 0, result.output
    assert "Alderine Pruitt-Oyelaran" in (example / "output" / "city-report.md").read_text(encoding="utf-8")
    assert not (example / "private").exists()


def test_compile_needs_the_key_only_for_names_in_the_store(named_in_store, monkeypatch):
    out = named_in_store / "output" / "city-report.md"
    with_key = run_cli("compile", named_in_store, "--to", "md", "-t", "city-report")
    assert with_key.exit_code == 0, with_key.output
    assert "Alderine Pruitt-Oyelaran" in out.read_text(encoding="utf-8")
    no_key(monkeypatch)
    without = run_cli("compile", named_in_store, "--to", "md", "-t", "city-report")
    assert without.exit_code == 2
    assert "publish-named, and the name is in the private store; naming them needs its key" in without.stderr
    assert "T-0011" in without.stderr and "Alderine" not in without.output
    monkeypatch.setenv("HRCLI_PRIVATE_KEY", new_identity())
    wrong = run_cli("compile", named_in_store, "--to", "md", "-t", "city-report")
    assert wrong.exit_code == 2 and "wrong key" in wrong.stderr


def test_the_leak_guard_knows_the_store(project, testimony, monkeypatch):
    from hrcli.checks.load import load_project
    from hrcli.exceptions import UserError
    from hrcli.private import PrivateRecord
    from hrcli.report.build import _refuse_leaks

    records = {"T-0001": PrivateRecord(name=NAME, address=ADDRESS)}
    loaded = load_project(project)
    _refuse_leaks("The family spoke.", loaded, "city-report", records)
    with pytest.raises(UserError, match="identifying data of the narrator of T-0001") as raised:
        _refuse_leaks(f"The family of {NAME} spoke.", loaded, "city-report", records)
    assert NAME not in str(raised.value)
