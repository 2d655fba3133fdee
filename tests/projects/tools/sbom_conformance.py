"""Checks capa's SBOMs with the ecosystem's own tools (spec/projects.md, "SBOMs of a project").

usage: python3 sbom_conformance.py SPDX.json CYCLONEDX.json VEX.json

- spdx-tools parses the SPDX document and validates it fully (SPDX 2.3);
- ntia-conformance-checker checks the NTIA minimum elements on it;
- cyclonedx-python-lib validates the CycloneDX SBOM and the standalone VEX against CycloneDX 1.5
  (strict JSON schema), and every VEX `affects` BOM-Link is checked to name the SBOM's
  serialNumber and one of its bom-refs.

Prints one line per check ("ok: ..." or "FAIL: ...") and exits 1 if any failed. Exits 3 with a
"skip:" line when one of the tools is not installed, so callers can tell absence from failure.
"""

import json
import sys


def main(spdx_path: str, cdx_path: str, vex_path: str) -> int:
    try:
        from spdx_tools.spdx.parser.parse_anything import parse_file
        from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
        from ntia_conformance_checker import SbomChecker
        from cyclonedx.schema import SchemaVersion
        from cyclonedx.validation.json import JsonStrictValidator
    except ImportError as e:
        print(f"skip: {e.name} is not installed (pip install ntia-conformance-checker spdx-tools 'cyclonedx-python-lib[json-validation]')")
        return 3

    failures = 0

    def report(ok: bool, what: str, detail: str = "") -> None:
        nonlocal failures
        failures += 0 if ok else 1
        print(f"{'ok' if ok else 'FAIL'}: {what}{': ' + detail if detail else ''}")

    errors = validate_full_spdx_document(parse_file(spdx_path))
    report(not errors, "spdx-tools validates the SPDX 2.3 document", "; ".join(e.validation_message for e in errors[:5]))

    checker = SbomChecker(spdx_path, compliance="ntia")
    missing = [
        name
        for name, provided in [
            ("names", checker.components_without_names),
            ("versions", checker.components_without_versions),
            ("suppliers", checker.components_without_suppliers),
            ("identifiers", checker.components_without_identifiers),
        ]
        if provided
    ]
    report(checker.compliant, "ntia-conformance-checker: NTIA minimum elements", "components without " + ", ".join(missing) if missing else "")

    validator = JsonStrictValidator(SchemaVersion.V1_5)
    for label, path in (("CycloneDX SBOM", cdx_path), ("CycloneDX VEX", vex_path)):
        with open(path, encoding="utf-8") as f:
            error = validator.validate_str(f.read())
        report(error is None, f"cyclonedx-python-lib validates the {label} (1.5, strict)", str(error) if error else "")

    with open(cdx_path, encoding="utf-8") as f:
        sbom = json.load(f)
    with open(vex_path, encoding="utf-8") as f:
        vex = json.load(f)
    serial = sbom["serialNumber"].removeprefix("urn:uuid:")
    refs = {c["bom-ref"] for c in sbom.get("components", [])}
    links = [a["ref"] for v in vex.get("vulnerabilities", []) for a in v.get("affects", [])]
    dangling = [l for l in links if not (l.startswith(f"urn:cdx:{serial}/{sbom['version']}#") and l.split("#", 1)[1] in refs)]
    report(bool(links) and not dangling and vex.get("serialNumber", "").startswith("urn:uuid:"),
           "VEX has a serialNumber and every affects BOM-Link resolves into the SBOM", ", ".join(dangling))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2])
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
