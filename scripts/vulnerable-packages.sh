#!/usr/bin/env bash
# Lists the NuGet packages (direct and transitive) with a known vulnerability:
#   dotnet list RunTalkRun.slnx package --vulnerable --include-transitive
# "No vulnerable packages" only means something when a package source publishes vulnerability data
# (a VulnerabilityInfo resource in its service index, as nuget.org's does). Some feeds, like a partial
# mirror, publish none: then nothing can be checked, and this says so plainly instead of passing.
# Exit: 0 none found (with data), 1 vulnerable packages found (or the command failed), 2 no data to check with.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

json=$(mktemp)
trap 'rm -f "$json"' EXIT
if ! dotnet list RunTalkRun.slnx package --vulnerable --include-transitive --format json >"$json" 2>&1; then
  cat "$json"
  echo "vulnerable packages: 'dotnet list package --vulnerable' failed (are the projects restored?)"
  exit 1
fi

python3 - "$json" <<'EOF'
import json, sys, urllib.request

report = json.load(open(sys.argv[1]))
found = []
for project in report.get("projects", []):
    for framework in project.get("frameworks", []):
        for kind in ("topLevelPackages", "transitivePackages"):
            for package in framework.get(kind, []):
                for v in package.get("vulnerabilities", []):
                    found.append(f'{project["path"].split("/")[-1]}: {package["id"]} {package["resolvedVersion"]} ({v.get("severity")}) {v.get("advisoryurl")}')
if found:
    print("\n".join(sorted(set(found))))
    print(f"vulnerable packages: FOUND {len(set(found))}")
    sys.exit(1)

def has_data(source):
    if not source.startswith(("http://", "https://")):
        return False
    try:
        with urllib.request.urlopen(source, timeout=30) as response:
            index = json.load(response)
        return any(str(r.get("@type", "")).startswith("VulnerabilityInfo") for r in index.get("resources", []))
    except Exception as e:
        print(f"  could not read the service index of {source}: {e}")
        return False

sources = report.get("sources", [])
with_data = [s for s in sources if has_data(s)]
if not with_data:
    print(f"vulnerable packages: NOT CHECKED - no package source publishes vulnerability data ({', '.join(sources) or 'no sources'}); "
          "dotnet list package --vulnerable found nothing because it had nothing to compare with")
    sys.exit(2)
print(f"vulnerable packages: none known (vulnerability data from {', '.join(with_data)})")
EOF
