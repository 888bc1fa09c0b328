#!/usr/bin/env python3
"""One line per credgate JSON report on standard input (verify or validate): the fields a
reader looks at first. Used by scripts/demo.sh."""
import json
import sys

for line in sys.stdin:
    r = json.loads(line)
    if "verdict" in r:
        signer = (r.get("signer") or {}).get("subject", "-")
        times = ", ".join(f"{t['type']} {t['time']}" for t in r.get("timestamps", []))
        print(f"  {r['file']}: integrity={r['integrity']} verdict={r['verdict']} "
              f"{r.get('subIndication') or ''} signer={signer}" + (f" timestamps: {times}" if times else ""))
    else:
        first = next((d for d in r["diagnostics"] if d["severity"] == "error"), None)
        where = f", first error at {first['location']} (line {first['line']})" if first else ""
        print(f"  {r['file']}: valid={r['valid']} schema={r.get('schema')}{where}")
