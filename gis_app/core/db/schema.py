"""The database schema of team mode: tables, roles, row-level security, triggers, migrations.

Everything lives in the PostgreSQL schema ``gis_app`` of a PostGIS database; one database
holds any number of projects (table ``projects``, by name). Geometry columns are
``geometry(Geometry, 28992)`` (RD New, like the project file).

Tables (``project_id`` first in every key):

* ``schema_version`` -- the applied migrations (:data:`SCHEMA_VERSION` is the newest);
* ``projects`` -- name, ``meta`` (jsonb: column order and types per layer, sources,
  app version), ``row_version``;
* ``buildings`` -- one row per building in project order (``pos``): the canonical columns
  of :mod:`gis_app.core.schema` typed, the source's other columns in ``extra`` (jsonb);
* ``clusters`` -- a row per cluster (canonical columns, ``extra``, ``gemeenten``,
  ``row_version``);
* ``packages`` -- a row per work package (``attrs`` jsonb, outline, ``gemeenten``,
  ``row_version``);
* ``settings`` (a row per top-level settings key), ``scenarios`` (a row per scenario),
  ``commitments`` (one row per project) -- jsonb values with ``row_version``;
* ``addresses`` -- the address table (:data:`gis_app.core.schema.ADDRESS_COLUMNS`);
* ``municipality_access`` -- role or user name -> BAG municipality code (four digits),
  kept by the database administrator;
* ``audit_log`` -- every change, written by trigger: who (``current_user``), when, table,
  row key, action, row version, the row before and after (jsonb).

Rules the database enforces (not the client):

* ``row_version`` is raised by one on every update by a trigger; clients save with
  ``UPDATE ... WHERE row_version = <the version they started from>`` (optimistic
  concurrency, :mod:`gis_app.core.db.changes`).
* Roles (``NOLOGIN`` groups, created by ``db init``; give users membership with
  ``GRANT ncg_planner TO alice``):

  - ``ncg_planner`` reads and changes everything, and pushes projects;
  - ``gemeente_planner`` reads everything; it changes clusters and packages whose
    municipalities (``gemeenten``: the first four digits of the BAG ids of the cluster's
    buildings; a package has those of its cluster) all belong to it by
    ``municipality_access``, and the ``cluster_id`` of buildings in those municipalities
    -- row-level security on clusters and packages, a trigger on buildings (PostgreSQL's
    ``COPY FROM`` does not work on tables with row-level security, and buildings are
    loaded by ``COPY``);
  - ``viewer`` reads only.
* ``audit_log`` rows are written by the triggers as the user who made the change (the
  trigger functions are not ``SECURITY DEFINER``, so ``current_user`` is that user);
  users may add rows only in their own name and never change or delete them.
* After every change to clusters, packages, settings, scenarios, commitments and projects
  a ``NOTIFY`` goes to channel ``gis_app_<project_id>`` with a JSON payload ``{"table",
  "key", "version", "op", "user", "pid"}`` (:func:`gis_app.core.db.changes.listen`).

Migrations: :data:`MIGRATIONS` maps a version to the SQL that brings the schema from the
version before to it; :func:`init_database` applies the missing ones, each in its own
transaction under an advisory lock, and refuses a database newer than this app.
"""

from __future__ import annotations

from gis_app.core.db.connection import DbError, connect, describe_error
from gis_app.core.i18n import t

SCHEMA = "gis_app"
SCHEMA_VERSION = 1
ROLES = ("ncg_planner", "gemeente_planner", "viewer")
#: Tables whose rows carry a ``row_version`` and are saved row by row.
VERSIONED_TABLES = ("projects", "clusters", "packages", "settings", "scenarios", "commitments")
#: An arbitrary constant: the advisory lock taken while migrating.
_MIGRATION_LOCK = 0x6A15_A991

_ROLES_SQL = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ncg_planner') THEN
        CREATE ROLE ncg_planner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gemeente_planner') THEN
        CREATE ROLE gemeente_planner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'viewer') THEN
        CREATE ROLE viewer NOLOGIN;
    END IF;
END $$;
"""

_V1 = """
CREATE TABLE gis_app.projects (
    project_id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    meta jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    row_version integer NOT NULL DEFAULT 1
);

-- buildings and addresses have no foreign key: checking it row by row would double the
-- time of loading 300,000 buildings; the trigger drop_rows on projects removes them
CREATE TABLE gis_app.buildings (
    project_id integer NOT NULL,
    pos integer NOT NULL,
    building_id text NOT NULL,
    risk_profile text,
    profile_source text,
    lpr double precision,
    typology text,
    milestone text,
    measure_class text,
    expected_measure text,
    addresses bigint,
    residents double precision,
    address text,
    postcode text,
    woonplaats text,
    eigen_regie boolean,
    cluster_id text,
    bag_status text,
    extra jsonb,
    geom geometry(Geometry, 28992),
    PRIMARY KEY (project_id, pos)
);
CREATE INDEX buildings_cluster ON gis_app.buildings (project_id, cluster_id);

CREATE TABLE gis_app.clusters (
    project_id integer NOT NULL REFERENCES gis_app.projects ON DELETE CASCADE,
    cluster_id text NOT NULL,
    pos integer NOT NULL,
    name text,
    color text,
    approach_share double precision,
    lock_start text,
    lock_position double precision,
    extra jsonb,
    geom geometry(Geometry, 28992),
    gemeenten text[] NOT NULL DEFAULT '{}',
    row_version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (project_id, cluster_id)
);

CREATE TABLE gis_app.packages (
    project_id integer NOT NULL REFERENCES gis_app.projects ON DELETE CASCADE,
    package_id text NOT NULL,
    pos integer NOT NULL,
    attrs jsonb NOT NULL DEFAULT '{}',
    geom geometry(Geometry, 28992),
    gemeenten text[] NOT NULL DEFAULT '{}',
    row_version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (project_id, package_id)
);

CREATE TABLE gis_app.settings (
    project_id integer NOT NULL REFERENCES gis_app.projects ON DELETE CASCADE,
    key text NOT NULL,
    value jsonb,
    row_version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (project_id, key)
);

CREATE TABLE gis_app.scenarios (
    project_id integer NOT NULL REFERENCES gis_app.projects ON DELETE CASCADE,
    key text NOT NULL,
    pos integer NOT NULL,
    value jsonb,
    row_version integer NOT NULL DEFAULT 1,
    PRIMARY KEY (project_id, key)
);

CREATE TABLE gis_app.commitments (
    project_id integer PRIMARY KEY REFERENCES gis_app.projects ON DELETE CASCADE,
    value jsonb,
    row_version integer NOT NULL DEFAULT 1
);

CREATE TABLE gis_app.addresses (
    project_id integer NOT NULL,
    pos integer NOT NULL,
    building_id text,
    straat text,
    huisnummer bigint,
    huisletter text,
    toevoeging text,
    postcode text,
    woonplaats text,
    verblijfsobject_id text,
    PRIMARY KEY (project_id, pos)
);

CREATE TABLE gis_app.municipality_access (
    role_name text NOT NULL,
    gemeente_code text NOT NULL CHECK (gemeente_code ~ '^[0-9]{4}$'),
    PRIMARY KEY (role_name, gemeente_code)
);

CREATE TABLE gis_app.audit_log (
    id bigserial PRIMARY KEY,
    project_id integer,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    who text NOT NULL DEFAULT current_user,
    table_name text NOT NULL,
    row_key text NOT NULL,
    action text NOT NULL,
    row_version integer,
    before jsonb,
    after jsonb
);
CREATE INDEX audit_log_row ON gis_app.audit_log (project_id, table_name, row_key);

-- the municipalities the current user may change (directly or through a group role)
CREATE FUNCTION gis_app.my_gemeenten() RETURNS text[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(DISTINCT m.gemeente_code), '{}')
    FROM gis_app.municipality_access m
    WHERE CASE WHEN EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = m.role_name)
               THEN pg_has_role(current_user, m.role_name, 'MEMBER') ELSE false END
$$;

CREATE FUNCTION gis_app.own_area(codes text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT cardinality(codes) > 0 AND codes <@ gis_app.my_gemeenten()
$$;

CREATE FUNCTION gis_app.bump_row_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.row_version := OLD.row_version + 1;
    RETURN NEW;
END $$;

CREATE FUNCTION gis_app.cluster_gemeenten() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.gemeenten := ARRAY(
        SELECT DISTINCT left(b.building_id, 4) FROM gis_app.buildings b
        WHERE b.project_id = NEW.project_id AND b.cluster_id = NEW.cluster_id
          AND left(b.building_id, 4) ~ '^[0-9]{4}$'
        ORDER BY 1);
    RETURN NEW;
END $$;

CREATE FUNCTION gis_app.package_gemeenten() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.gemeenten := coalesce(
        (SELECT c.gemeenten FROM gis_app.clusters c
         WHERE c.project_id = NEW.project_id AND c.cluster_id = NEW.attrs ->> 'cluster_id'),
        '{}');
    RETURN NEW;
END $$;

-- buildings carry no row-level security (COPY FROM needs that): municipal planners may
-- only move buildings of their own municipalities between clusters (column grant + this)
CREATE FUNCTION gis_app.guard_building() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF pg_has_role(current_user, 'gemeente_planner', 'MEMBER')
       AND NOT pg_has_role(current_user, 'ncg_planner', 'MEMBER') THEN
        IF NOT (left(OLD.building_id, 4) = ANY (gis_app.my_gemeenten())) THEN
            RAISE EXCEPTION 'pand % ligt niet in een gemeente van %', OLD.building_id, current_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION gis_app.audit_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    any_row jsonb := coalesce(new_row, old_row);
BEGIN
    INSERT INTO gis_app.audit_log
        (project_id, table_name, row_key, action, row_version, before, after)
    VALUES ((any_row ->> 'project_id')::integer, TG_TABLE_NAME, any_row ->> TG_ARGV[0],
            TG_OP, (any_row ->> 'row_version')::integer, old_row, new_row);
    RETURN NULL;
END $$;

CREATE FUNCTION gis_app.notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    any_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
BEGIN
    PERFORM pg_notify(
        'gis_app_' || (any_row ->> 'project_id'),
        json_build_object(
            'table', TG_TABLE_NAME, 'key', any_row ->> TG_ARGV[0],
            'version', (any_row ->> 'row_version')::integer, 'op', TG_OP,
            'user', current_user, 'pid', pg_backend_pid())::text);
    RETURN NULL;
END $$;

CREATE FUNCTION gis_app.drop_project_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM gis_app.buildings WHERE project_id = OLD.project_id;
    DELETE FROM gis_app.addresses WHERE project_id = OLD.project_id;
    RETURN OLD;
END $$;

CREATE TRIGGER drop_rows AFTER DELETE ON gis_app.projects
    FOR EACH ROW EXECUTE FUNCTION gis_app.drop_project_rows();
CREATE TRIGGER row_version BEFORE UPDATE ON gis_app.projects
    FOR EACH ROW EXECUTE FUNCTION gis_app.bump_row_version();
CREATE TRIGGER row_version BEFORE UPDATE ON gis_app.clusters
    FOR EACH ROW EXECUTE FUNCTION gis_app.bump_row_version();
CREATE TRIGGER row_version BEFORE UPDATE ON gis_app.packages
    FOR EACH ROW EXECUTE FUNCTION gis_app.bump_row_version();
CREATE TRIGGER row_version BEFORE UPDATE ON gis_app.settings
    FOR EACH ROW EXECUTE FUNCTION gis_app.bump_row_version();
CREATE TRIGGER row_version BEFORE UPDATE ON gis_app.scenarios
    FOR EACH ROW EXECUTE FUNCTION gis_app.bump_row_version();
CREATE TRIGGER row_version BEFORE UPDATE ON gis_app.commitments
    FOR EACH ROW EXECUTE FUNCTION gis_app.bump_row_version();

CREATE TRIGGER gemeenten BEFORE INSERT OR UPDATE ON gis_app.clusters
    FOR EACH ROW EXECUTE FUNCTION gis_app.cluster_gemeenten();
CREATE TRIGGER gemeenten BEFORE INSERT OR UPDATE ON gis_app.packages
    FOR EACH ROW EXECUTE FUNCTION gis_app.package_gemeenten();
CREATE TRIGGER guard BEFORE UPDATE ON gis_app.buildings
    FOR EACH ROW EXECUTE FUNCTION gis_app.guard_building();

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON gis_app.projects
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('name');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON gis_app.clusters
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('cluster_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON gis_app.packages
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('package_id');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON gis_app.settings
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('key');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON gis_app.scenarios
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('key');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON gis_app.commitments
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('project_id');
-- building rows are audited when changed, not when a project is loaded or replaced
CREATE TRIGGER audit AFTER UPDATE ON gis_app.buildings
    FOR EACH ROW EXECUTE FUNCTION gis_app.audit_row('building_id');

CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON gis_app.projects
    FOR EACH ROW EXECUTE FUNCTION gis_app.notify_change('name');
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON gis_app.clusters
    FOR EACH ROW EXECUTE FUNCTION gis_app.notify_change('cluster_id');
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON gis_app.packages
    FOR EACH ROW EXECUTE FUNCTION gis_app.notify_change('package_id');
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON gis_app.settings
    FOR EACH ROW EXECUTE FUNCTION gis_app.notify_change('key');
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON gis_app.scenarios
    FOR EACH ROW EXECUTE FUNCTION gis_app.notify_change('key');
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON gis_app.commitments
    FOR EACH ROW EXECUTE FUNCTION gis_app.notify_change('project_id');

-- privileges: reading for all three roles, writing by role
GRANT USAGE ON SCHEMA gis_app TO ncg_planner, gemeente_planner, viewer;
GRANT SELECT ON ALL TABLES IN SCHEMA gis_app TO ncg_planner, gemeente_planner, viewer;
GRANT INSERT, UPDATE, DELETE ON gis_app.projects, gis_app.buildings, gis_app.clusters,
    gis_app.packages, gis_app.settings, gis_app.scenarios, gis_app.commitments,
    gis_app.addresses TO ncg_planner;
GRANT INSERT, UPDATE, DELETE ON gis_app.clusters, gis_app.packages TO gemeente_planner;
GRANT UPDATE (cluster_id) ON gis_app.buildings TO gemeente_planner;
GRANT INSERT ON gis_app.audit_log TO ncg_planner, gemeente_planner;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA gis_app TO ncg_planner, gemeente_planner;
REVOKE ALL ON gis_app.schema_version FROM PUBLIC;
GRANT SELECT ON gis_app.schema_version TO ncg_planner, gemeente_planner, viewer;

-- row-level security where the row decides
ALTER TABLE gis_app.clusters ENABLE ROW LEVEL SECURITY;
ALTER TABLE gis_app.packages ENABLE ROW LEVEL SECURITY;
ALTER TABLE gis_app.audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON gis_app.clusters FOR SELECT
    TO ncg_planner, gemeente_planner, viewer USING (true);
CREATE POLICY ncg_all ON gis_app.clusters FOR ALL TO ncg_planner USING (true) WITH CHECK (true);
CREATE POLICY own_area ON gis_app.clusters FOR ALL TO gemeente_planner
    USING (gis_app.own_area(gemeenten)) WITH CHECK (gis_app.own_area(gemeenten));
CREATE POLICY read_all ON gis_app.packages FOR SELECT
    TO ncg_planner, gemeente_planner, viewer USING (true);
CREATE POLICY ncg_all ON gis_app.packages FOR ALL TO ncg_planner USING (true) WITH CHECK (true);
CREATE POLICY own_area ON gis_app.packages FOR ALL TO gemeente_planner
    USING (gis_app.own_area(gemeenten)) WITH CHECK (gis_app.own_area(gemeenten));
CREATE POLICY read_all ON gis_app.audit_log FOR SELECT
    TO ncg_planner, gemeente_planner, viewer USING (true);
CREATE POLICY own_name ON gis_app.audit_log FOR INSERT
    TO ncg_planner, gemeente_planner WITH CHECK (who = current_user);
"""

#: version -> SQL bringing the schema from ``version - 1`` to ``version``.
MIGRATIONS: dict[int, str] = {1: _V1}


def database_version(conn) -> int | None:
    """The schema version of the database; ``None`` when ``db init`` never ran there."""
    row = conn.execute("SELECT to_regclass('gis_app.schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return None
    row = conn.execute("SELECT max(version) FROM gis_app.schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check_schema(conn) -> None:
    """Raise :class:`DbError` unless the database has exactly this app's schema version."""
    version = database_version(conn)
    if version is None or version == 0:
        raise DbError(
            t("deze database is niet ingericht voor gis_app; voer eerst 'gis-app db init' uit")
        )
    if version > SCHEMA_VERSION:
        raise DbError(
            t(
                "de database heeft een nieuwere schemaversie ({version}; deze versie van "
                "gis_app kent t/m {known}); werk gis_app bij",
                version=version,
                known=SCHEMA_VERSION,
            )
        )
    if version < SCHEMA_VERSION:
        raise DbError(
            t(
                "de database heeft schemaversie {version}; voer 'gis-app db init' uit om hem "
                "bij te werken naar {known}",
                version=version,
                known=SCHEMA_VERSION,
            )
        )


def init_database(target: str) -> tuple[int, int]:
    """Create or update the schema in the database at ``target``; (old, new) version.

    Installs PostGIS when missing (that needs a superuser or the database owner with
    the right to create extensions), creates the roles (:data:`ROLES`) and applies the
    missing :data:`MIGRATIONS`. Running it again on an up-to-date database changes nothing.
    """
    import psycopg

    with connect(target) as conn:
        try:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            has_postgis = conn.execute(
                "SELECT 1 FROM pg_extension WHERE extname = 'postgis'"
            ).fetchone()
            if not has_postgis:
                try:
                    conn.execute("CREATE EXTENSION postgis")
                except psycopg.Error as error:
                    raise DbError(
                        t(
                            "PostGIS ontbreekt in deze database en kan niet worden "
                            "geïnstalleerd ({error})",
                            error=describe_error(error, target),
                        )
                    ) from None
            version = database_version(conn)
            if version is not None and version > SCHEMA_VERSION:
                raise DbError(
                    t(
                        "de database heeft een nieuwere schemaversie ({version}; deze versie "
                        "van gis_app kent t/m {known}); werk gis_app bij",
                        version=version,
                        known=SCHEMA_VERSION,
                    )
                )
            old = version or 0
            conn.execute(_ROLES_SQL)
            conn.execute("CREATE SCHEMA IF NOT EXISTS gis_app")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS gis_app.schema_version ("
                "version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            conn.commit()
            for step in range(old + 1, SCHEMA_VERSION + 1):
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                if (database_version(conn) or 0) >= step:  # another client was faster
                    conn.rollback()
                    continue
                conn.execute(MIGRATIONS[step])
                conn.execute("INSERT INTO gis_app.schema_version (version) VALUES (%s)", (step,))
                conn.commit()
        except psycopg.Error as error:
            conn.rollback()
            raise DbError(
                t("inrichten mislukt: {error}", error=describe_error(error, target))
            ) from None
    return old, SCHEMA_VERSION
