"""Running wrk and reading its report."""

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

WRK = "/usr/bin/wrk"
# wrk's default (2 s) drops slower requests from the latency histogram as "timeouts", which would
# flatter p99 exactly when a page is slow; 10 s keeps them in and still bounds a stuck request.
REQUEST_TIMEOUT = "10s"
TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}

# Round-robin over the paths. Each thread has its own Lua state; setup() gives each a different
# starting offset so the threads do not ask for the same page at the same moment.
LUA_TEMPLATE = """\
local paths = {%(paths)s}
local started = 0
function setup(thread)
  thread:set("offset", started * 7)
  started = started + 1
end
function init(args)
  counter = offset or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


class LoadTestError(RuntimeError):
    """wrk is missing, failed, or printed something this module cannot read."""


@dataclass
class WrkResult:
    requests: int
    duration_s: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int  # wrk counts statuses ≥ 400 only; redirects are caught by run.py's check beforehand
    socket_errors: dict[str, int] = field(default_factory=dict)
    output: str = ""

    @property
    def failed_requests(self) -> int:
        return self.non_2xx + sum(self.socket_errors.values())

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["output"]
        return data


def _apt_get(*arguments: str) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(["apt-get", *arguments], env=env, capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _find_wrk() -> str | None:
    return shutil.which("wrk") or (WRK if os.access(WRK, os.X_OK) else None)


def ensure_wrk() -> str:
    """The wrk binary; installs Debian's package when it is missing (the bench runs as root)."""
    found = _find_wrk()
    if found:
        return found
    advice = "Install it as root with: apt-get install wrk"
    if os.geteuid() != 0:
        raise LoadTestError(f"wrk is not installed. {advice}")
    print("wrk is missing; installing Debian's 'wrk' package ...", flush=True)
    # Stale package lists are the usual reason an install fails: update once and retry.
    installed = _apt_get("install", "-y", "-q", "wrk") or (
        _apt_get("update", "-q") and _apt_get("install", "-y", "-q", "wrk")
    )
    found = _find_wrk()
    if not (installed and found):
        raise LoadTestError(f"wrk is not installed and `apt-get install -y wrk` failed. {advice}")
    return found


def _ms(value: str, unit: str) -> float:
    return float(value) * TIME_UNITS_MS[unit]


def parse(output: str) -> WrkResult:
    """Read the report `wrk --latency` prints."""
    unit = r"(us|ms|s|m|h)"
    totals = re.search(rf"^\s*(\d+) requests in ([\d.]+){unit}", output, re.MULTILINE)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    p50 = re.search(rf"^\s*50(?:\.0+)?%\s+([\d.]+){unit}\s*$", output, re.MULTILINE)
    p99 = re.search(rf"^\s*99(?:\.0+)?%\s+([\d.]+){unit}\s*$", output, re.MULTILINE)
    if not (totals and rate and p50 and p99):
        raise LoadTestError(f"Could not read wrk's report:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    socket_errors = (
        {
            kind: int(count)
            for kind, count in zip(("connect", "read", "write", "timeout"), sockets.groups(), strict=True)
        }
        if sockets
        else {}
    )
    return WrkResult(
        requests=int(totals.group(1)),
        duration_s=_ms(totals.group(2), totals.group(3)) / 1000,
        requests_per_second=float(rate.group(1)),
        p50_ms=_ms(p50.group(1), p50.group(2)),
        p99_ms=_ms(p99.group(1), p99.group(2)),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors={kind: count for kind, count in socket_errors.items() if count},
        output=output,
    )


def lua_script(paths: list[str]) -> str:
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    return LUA_TEMPLATE % {"paths": quoted}


def run_wrk(
    wrk: str,
    base_url: str,
    paths: list[str],
    *,
    threads: int,
    connections: int,
    duration: float,
    headers: list[str] | None = None,
) -> WrkResult:
    """One wrk run against base_url + paths[0], or round-robin over all paths when there are several."""
    with tempfile.TemporaryDirectory(prefix="samskap-bench-") as scratch:
        command = [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(duration))}s",
            "--timeout",
            REQUEST_TIMEOUT,
            "--latency",
        ]
        for header in headers or []:
            command += ["-H", header]
        if len(paths) > 1:
            script = Path(scratch) / "paths.lua"
            script.write_text(lua_script(paths), encoding="utf-8")
            command += ["-s", str(script)]
        command.append(base_url + paths[0])
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
        except subprocess.TimeoutExpired as error:
            raise LoadTestError(f"wrk did not finish within {duration + 60:.0f} s") from error
    if finished.returncode != 0:
        raise LoadTestError(f"wrk failed (exit {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    return parse(finished.stdout)
