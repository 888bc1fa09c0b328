# Sourced by the CLI contract scripts: one way to state a check and read a report field.
# check NAME EXPRESSION: prints ok/FAIL and sets fail=1 on failure (the script exits with it).
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
# field FILE PYTHON_SUBSCRIPT: a member of the first JSON line of FILE, e.g. field r.jsonl "['verdict']".
field() { python3 -c "import json,sys; r=json.loads(open('$1').readline()); print(r$2)"; }
