"""Checks Dockerfile and docker-compose.yml against the server they ship, which neither hadolint nor
the Compose schema knows about: what the release build reads at compile time is copied in (the
workspace, the migrations, frontend/dist that rust-embed bakes into the binary), the build context
leaves the host's build output out, every ZZYZX_* variable is one the server reads, health checks
ask for a path the API has, the database URL points at the Compose PostgreSQL service, and Docker
waits for the server's graceful shutdown. Run from the repository root by scripts/check-docker.

Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import json
import posixpath
import re
import shlex
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path.cwd()
errors: list[str] = []


def problem(where: str, message: str) -> None:
    errors.append(f"{where}: {message}")


# --- What the server reads ----------------------------------------------------------------------


def rust_sources() -> list[tuple[Path, str]]:
    """Every backend source file, without its test module."""
    return [(p, p.read_text().split("#[cfg(test)]")[0]) for p in sorted((ROOT / "backend").rglob("src/**/*.rs"))]


SOURCES = rust_sources()
SERVER_ENV = {name for _, text in SOURCES for name in re.findall(r'"(ZZYZX_[A-Z0-9_]+)"', text)}
if not SERVER_ENV:
    problem("backend/src", "found no ZZYZX_* variable the server reads; has the configuration moved?")

openapi = yaml.safe_load((ROOT / "openapi.yaml").read_text())
API_GET_PATHS = {path for path, item in (openapi.get("paths") or {}).items() if "get" in item}

startup = (ROOT / "backend/src/startup.rs").read_text()
shutdown = re.search(r"\.shutdown_timeout\((\d+)\)", startup)
SHUTDOWN_SECONDS = int(shutdown.group(1)) if shutdown else None

cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
WORKSPACE_MEMBERS = cargo["workspace"]["members"]
RUST_VERSION = cargo["workspace"]["package"]["rust-version"]
NODE_ENGINE = json.loads((ROOT / "frontend/package.json").read_text())["engines"]["node"]


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def check_env_names(where: str, names: list[str]) -> None:
    for name in names:
        if name.startswith("ZZYZX_") and name not in SERVER_ENV:
            problem(where, f"{name} is not read by the server (backend/src reads {', '.join(sorted(SERVER_ENV))})")


def check_health_urls(where: str, command: str, port: str | None) -> None:
    urls = re.findall(r"https?://[^\s\"',\]]+", command)
    if not urls:
        problem(where, f"the health check {command!r} asks no URL")
    for url in urls:
        match = re.match(r"https?://[^/:]+(?::(\d+))?(/[^?#]*)?", url)
        url_port, path = match.group(1) or "80", match.group(2) or "/"
        if path not in API_GET_PATHS:
            problem(where, f"the health check asks {path}, which is no GET path in openapi.yaml")
        if port and url_port != port:
            problem(where, f"the health check asks port {url_port}, but the server listens on {port}")


def bind_port(bind: str | None) -> str | None:
    return bind.rsplit(":", 1)[1] if bind and ":" in bind else None


# --- .dockerignore -------------------------------------------------------------------------------

IGNORE_PATTERNS = []
if (ROOT / ".dockerignore").is_file():
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            IGNORE_PATTERNS.append(line)
else:
    problem(".dockerignore", "missing: the whole checkout, target/ and node_modules/ too, is the build context")


def ignored(path: str) -> bool:
    """Docker's rule: the last matching pattern wins, `!` re-includes, a match covers what is under it."""
    parts = path.strip("/").split("/")
    result = False
    for pattern in IGNORE_PATTERNS:
        negate = pattern.startswith("!")
        pattern = posixpath.normpath(pattern.lstrip("!").strip("/"))
        wildcards = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
        regex = "".join(wildcards.get(token, re.escape(token)) for token in re.split(r"(\*\*/|\*\*|\*|\?)", pattern))
        if any(re.fullmatch(regex, "/".join(parts[:i])) for i in range(1, len(parts) + 1)):
            result = not negate
    return result


# Build output of the host: gigabytes of target/, a node_modules/ that would overwrite the one
# `npm ci` made in the image (and may hold another platform's binaries), a stale frontend/dist.
for path in ("target", "frontend/node_modules", "frontend/dist"):
    if IGNORE_PATTERNS and not ignored(path):
        problem(".dockerignore", f"{path}/ is not left out of the build context")


# --- Dockerfile ----------------------------------------------------------------------------------


def dockerfile_instructions(path: Path) -> list[tuple[int, str, str]]:
    """(line, INSTRUCTION, arguments), continuation lines joined and comments dropped."""
    result, buffer, start = [], "", 0
    for number, line in enumerate(path.read_text().splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not buffer:
            start = number
        if stripped.endswith("\\"):
            buffer += stripped[:-1] + " "
            continue
        buffer += stripped
        instruction, _, arguments = buffer.partition(" ")
        result.append((start, instruction.upper(), arguments.strip()))
        buffer = ""
    return result


def exec_form(arguments: str) -> list[str]:
    arguments = arguments.strip()
    if arguments.startswith("["):
        return json.loads(arguments)
    return ["/bin/sh", "-c", arguments]


class Stage:
    def __init__(self, image: str, name: str | None):
        self.image, self.name, self.workdir = image, name, "/"
        # line, --from, sources, and the paths the copy makes (a folder's contents go to the destination)
        self.copies: list[tuple[int, str | None, list[str], list[str]]] = []
        self.runs: list[tuple[int, str]] = []
        self.env: dict[str, str] = {}
        self.expose: list[str] = []
        self.healthcheck: tuple[int, str] | None = None
        self.entrypoint: list[str] = []

    def resolve(self, path: str) -> str:
        return posixpath.normpath(posixpath.join(self.workdir, path))

    def copied_to(self, path: str, source_stage: str | None = None) -> bool:
        """Whether `path` (absolute) lies under a COPY destination (from `source_stage` if given)."""
        return any(
            (source_stage is None or origin == source_stage) and (path == dest or path.startswith(dest + "/"))
            for _, origin, _, targets in self.copies
            for dest in targets
        )


def parse_dockerfile(path: Path) -> list[Stage]:
    stages: list[Stage] = []
    for line, instruction, arguments in dockerfile_instructions(path):
        if instruction == "FROM":
            words = arguments.split()
            words = [w for w in words if not w.startswith("--")]
            stages.append(Stage(words[0], words[2] if len(words) > 2 and words[1].upper() == "AS" else None))
            continue
        stage = stages[-1]
        if instruction == "WORKDIR":
            stage.workdir = stage.resolve(arguments)
        elif instruction == "COPY":
            words = shlex.split(arguments) if not arguments.startswith("[") else exec_form(arguments)
            origin = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            words = [w for w in words if not w.startswith("--")]
            sources, dest = words[:-1], stage.resolve(words[-1])
            into_folder = words[-1].endswith("/") or len(sources) > 1
            targets = [
                dest
                if (origin is None and (ROOT / source).is_dir()) or (origin is not None and not into_folder)
                else posixpath.join(dest, posixpath.basename(source.rstrip("/")))
                if into_folder
                else dest
                for source in sources
            ]
            stage.copies.append((line, origin, sources, targets))
        elif instruction == "RUN":
            stage.runs.append((line, arguments))
        elif instruction == "ENV":
            words = shlex.split(arguments)
            if words and "=" not in words[0]:
                stage.env[words[0]] = " ".join(words[1:])
            else:
                stage.env.update(w.split("=", 1) for w in words)
        elif instruction == "EXPOSE":
            stage.expose += [w.split("/")[0] for w in arguments.split()]
        elif instruction == "HEALTHCHECK":
            command = re.split(r"\bCMD\b", arguments, maxsplit=1)
            stage.healthcheck = (line, command[1] if len(command) > 1 else arguments)
        elif instruction == "ENTRYPOINT":
            stage.entrypoint = exec_form(arguments)
    return stages


def check_dockerfile(path: Path) -> dict[str, str]:
    """Checks the Dockerfile; answers the final stage's environment."""
    where = path.name
    stages = parse_dockerfile(path)
    names = {stage.name for stage in stages if stage.name}
    for stage in stages:
        for line, origin, sources, _ in stage.copies:
            if origin is not None:
                if origin not in names:
                    problem(f"{where}:{line}", f"COPY --from={origin} names no earlier stage")
                continue
            for source in sources:
                if not (ROOT / source).exists():
                    problem(f"{where}:{line}", f"COPY {source}: no such file in the build context")
                elif ignored(source):
                    problem(f"{where}:{line}", f"COPY {source}: left out of the build context by .dockerignore")

    builds = [(stage, line, run) for stage in stages for line, run in stage.runs if re.search(r"\bcargo build\b", run)]
    if len(builds) != 1:
        problem(where, f"expected one stage that runs `cargo build`, found {len(builds)}")
        return {}
    server, line, run = builds[0]
    if not re.search(r"--release\b", run) or not re.search(r"--locked\b", run):
        problem(f"{where}:{line}", "the server is built without --release --locked")
    for needed in ["Cargo.toml", "Cargo.lock", *WORKSPACE_MEMBERS]:
        if not server.copied_to(server.resolve(needed)):
            problem(f"{where}:{line}", f"{needed} is not copied into the `cargo build` stage")
    # Paths the backend crate reads at compile time, relative to its manifest (backend/).
    manifest_dir = server.resolve("backend")
    for source, text in SOURCES:
        if not source.is_relative_to(ROOT / "backend/src"):
            continue
        for folder in re.findall(r'#\[folder\s*=\s*"\$CARGO_MANIFEST_DIR/([^"]+)"\]', text):
            embedded = posixpath.normpath(posixpath.join(manifest_dir, folder))
            earlier = [stage.name for stage in stages if stage.name and stage is not server]
            if not any(server.copied_to(embedded, name) for name in earlier):
                problem(
                    f"{where}:{line}",
                    f"{embedded} (embedded by rust-embed in {source.relative_to(ROOT)}) is not the web app built"
                    " in an earlier stage",
                )
        for folder in re.findall(r'sqlx::migrate!\("([^"]+)"\)', text):
            if not server.copied_to(posixpath.normpath(posixpath.join(manifest_dir, folder))):
                problem(
                    f"{where}:{line}",
                    f"{folder} (migrations read by {source.relative_to(ROOT)}) is not copied into the build stage",
                )

    rust = re.match(r"rust:(\d+(?:\.\d+)*)", server.image)
    if not rust:
        problem(where, f"the build stage's image {server.image} names no Rust version")
    elif version(rust.group(1)) < version(RUST_VERSION):
        problem(where, f"{server.image} is older than the workspace's rust-version {RUST_VERSION}")
    for stage in stages:
        node = re.match(r"node:(\d+)", stage.image)
        if node and version(node.group(1)) < version(NODE_ENGINE)[:1]:
            problem(where, f"{stage.image} does not satisfy frontend/package.json's engines.node {NODE_ENGINE}")

    binary = re.search(r"--bin[ =](\S+)", run)
    binary = binary.group(1) if binary else "zzyzx"
    final = stages[-1]
    built = posixpath.join(server.workdir, "target/release", binary)
    shipped = [
        target
        for _, origin, sources, targets in final.copies
        if origin == server.name
        for source, target in zip(sources, targets)
        if server.resolve(source) == built
    ]
    on_path = [posixpath.basename(t) for t in shipped if posixpath.dirname(t) in ("/usr/local/bin", "/usr/bin")]
    if not shipped:
        problem(where, f"the final stage does not copy {built} from the build stage")
    elif not final.entrypoint or final.entrypoint[0] not in shipped + on_path:
        problem(where, f"ENTRYPOINT {final.entrypoint} does not run the shipped {shipped[0]}")

    check_env_names(where, list(final.env))
    port = bind_port(final.env.get("ZZYZX_BIND"))
    if port is None or not final.env.get("ZZYZX_BIND", "").startswith("0.0.0.0:"):
        problem(where, "ZZYZX_BIND must listen on 0.0.0.0 in a container (the default, 127.0.0.1, is unreachable)")
    elif port not in final.expose:
        exposed = " ".join(final.expose) or "(none)"
        problem(where, f"EXPOSE {exposed} does not include the port the server listens on, {port}")
    if final.healthcheck is None:
        problem(where, "the final stage has no HEALTHCHECK")
    else:
        check_health_urls(f"{where}:{final.healthcheck[0]}", final.healthcheck[1], port)
    return final.env


# --- docker-compose.yml --------------------------------------------------------------------------


def duration_seconds(text: str) -> float:
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|h|m|s)", str(text))
    return sum(float(n) * units[u] for n, u in parts)


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def check_compose(path: Path, image_env: dict[str, str]) -> None:
    where = path.name
    try:
        compose = yaml.safe_load(path.read_text())
    except yaml.YAMLError as error:
        problem(where, f"is no valid YAML: {error}")
        return
    services = compose.get("services") or {}
    servers = []
    for name, service in services.items():
        at = f"{where}: services.{name}"
        build = service.get("build")
        if build is not None:
            context = build if isinstance(build, str) else build.get("context", ".")
            dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
            if not (path.parent / context).is_dir():
                problem(at, f"build context {context} does not exist")
            elif not (path.parent / context / dockerfile).is_file():
                problem(at, f"{dockerfile} does not exist in the build context {context}")
            elif (path.parent / context / dockerfile).resolve() == (ROOT / "Dockerfile").resolve():
                servers.append((name, service))
        depends = service.get("depends_on") or {}
        for target in depends if isinstance(depends, (list, dict)) else []:
            if target not in services:
                problem(at, f"depends_on {target}, which is no service")
        check_env_names(at, list(environment(service)))

    if not servers:
        problem(where, "no service is built from the Dockerfile")
    for name, service in servers:
        at = f"{where}: services.{name}"
        env = {**image_env, **environment(service)}
        port = bind_port(env.get("ZZYZX_BIND"))
        published = [
            str(p["target"]) if isinstance(p, dict) else str(p).rsplit(":", 1)[-1].split("/")[0]
            for p in service.get("ports") or []
        ]
        if port and any(p != port for p in published):
            problem(at, f"ports publish container port {', '.join(published)}, but the server listens on {port}")
        test = (service.get("healthcheck") or {}).get("test")
        if test:
            check_health_urls(at, " ".join(test) if isinstance(test, list) else str(test), port)
        grace = service.get("stop_grace_period")
        if SHUTDOWN_SECONDS and duration_seconds(grace or "10s") < SHUTDOWN_SECONDS:
            problem(
                at,
                f"stop_grace_period {grace or '10s (the default)'} is shorter than the server's {SHUTDOWN_SECONDS} s"
                " graceful shutdown (backend/src/startup.rs)",
            )

        url = env.get("ZZYZX_DATABASE_URL", "")
        match = re.fullmatch(r"postgres(?:ql)?://([^:@/]+)(?::(.*))?@([^:/]+)(?::(\d+))?/([^?]+)(\?.*)?", url)
        if not url.startswith("postgres"):
            continue
        if not match:
            problem(at, f"ZZYZX_DATABASE_URL {url} is no postgres://USER:PASSWORD@HOST:PORT/DATABASE")
            continue
        user, password, host, db_port, database = match.group(1, 2, 3, 4, 5)
        database_service = services.get(host)
        if database_service is None or not str(database_service.get("image", "")).startswith("postgres"):
            problem(at, f"ZZYZX_DATABASE_URL points at {host}, which is no PostgreSQL service of this file")
            continue
        pg = environment(database_service)
        pg_user = pg.get("POSTGRES_USER", "postgres")
        for field, value, expected in [
            ("user", user, pg_user),
            ("database", database, pg.get("POSTGRES_DB", pg_user)),
            ("port", db_port or "5432", "5432"),
        ]:
            if value != expected:
                problem(at, f"ZZYZX_DATABASE_URL's {field} {value} is not {host}'s {expected}")
        if password != pg.get("POSTGRES_PASSWORD"):
            problem(at, f"ZZYZX_DATABASE_URL's password is not {host}'s POSTGRES_PASSWORD")
        depends = service.get("depends_on") or {}
        condition = (depends.get(host) or {}).get("condition") if isinstance(depends, dict) else None
        if condition != "service_healthy":
            problem(at, f"must wait for {host}: depends_on.{host}.condition: service_healthy (migrations run first)")
        if not env.get("ZZYZX_JWT_SECRET"):
            problem(at, "ZZYZX_JWT_SECRET is required with PostgreSQL, so that every instance signs alike")


image_env = check_dockerfile(ROOT / "Dockerfile")
check_compose(ROOT / "docker-compose.yml", image_env)

for line in errors:
    print(line)
if errors:
    sys.exit(1)
print("Dockerfile and docker-compose.yml agree with the server")
