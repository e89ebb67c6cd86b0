"""The import's memory of what it imported before: ids and origin keys in YAML files and CSV rows."""

from __future__ import annotations

from hrcli.collect import existing_ids_and_origin_keys
from tests.cli.conftest import run_cli


def test_ids_and_origin_keys_come_from_yaml_files_and_csv_rows(tmp_path):
    project = tmp_path / "proj"
    assert run_cli("init", project, "--city", "Riverton", "--state", "OH", "--no-input").exit_code == 0
    folder = project / "testimony"
    (folder / "T-0001.yaml").write_text("id: T-0001\norigin: {source: kobo, key: 'uuid:aaa'}\n", encoding="utf-8")
    (folder / "bulk.csv").write_text("id,title,origin.source,origin.key\nT-0100,Rent,kobo,uuid:bbb\nT-0101,Bus,,\n",
                                     encoding="utf-8")
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")  # skipped: `check` reports it
    assert existing_ids_and_origin_keys(project) == ({"T-0001", "T-0100", "T-0101"}, {"uuid:aaa", "uuid:bbb"})
