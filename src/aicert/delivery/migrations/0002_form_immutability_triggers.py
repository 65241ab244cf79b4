"""Database guard: the items of a locked (published, retired) form never change.

The services already refuse; these triggers make a raw write, an admin action or a future bug
fail too. A locked form may not go back to draft or change subject (nor, on PostgreSQL, be
deleted). Both
PostgreSQL and SQLite get the triggers; the errors surface as ``IntegrityError``.

On SQLite deletions are not guarded: Django's test flush empties tables with ``DELETE`` there
(PostgreSQL uses ``TRUNCATE``, which row triggers do not see), and transactional tests and the
demo reset must still be able to empty the tables.

SQLite rebuilds a table on most ``ALTER`` operations and drops its triggers with it: a later
migration that alters ``delivery_form`` or ``delivery_formitem`` must re-create them (SQLite is
for the demo and tests; PostgreSQL keeps them through ``ALTER TABLE``).
"""

from django.db import migrations

POSTGRES_FORWARD = """
CREATE OR REPLACE FUNCTION delivery_formitem_guard() RETURNS trigger AS $$
DECLARE
    fid bigint;
    form_status varchar;
BEGIN
    IF TG_OP = 'DELETE' THEN fid := OLD.form_id; ELSE fid := NEW.form_id; END IF;
    SELECT status INTO form_status FROM delivery_form WHERE id = fid;
    IF form_status IS NOT NULL AND form_status <> 'draft' THEN
        RAISE EXCEPTION 'form % is locked: its items cannot change', fid
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.form_id <> NEW.form_id THEN
        SELECT status INTO form_status FROM delivery_form WHERE id = OLD.form_id;
        IF form_status <> 'draft' THEN
            RAISE EXCEPTION 'form % is locked: its items cannot change', OLD.form_id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER delivery_formitem_guard
    BEFORE INSERT OR UPDATE OR DELETE ON delivery_formitem
    FOR EACH ROW EXECUTE FUNCTION delivery_formitem_guard();

CREATE OR REPLACE FUNCTION delivery_form_guard() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'draft' THEN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'form % is locked: it cannot be deleted', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.status = 'draft' OR NEW.subject_id <> OLD.subject_id THEN
            RAISE EXCEPTION 'form % is locked: it cannot return to draft or change subject', OLD.id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER delivery_form_guard
    BEFORE UPDATE OR DELETE ON delivery_form
    FOR EACH ROW EXECUTE FUNCTION delivery_form_guard();
"""

POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS delivery_form_guard ON delivery_form;
DROP FUNCTION IF EXISTS delivery_form_guard();
DROP TRIGGER IF EXISTS delivery_formitem_guard ON delivery_formitem;
DROP FUNCTION IF EXISTS delivery_formitem_guard();
"""

_LOCKED_ITEM = "SELECT RAISE(ABORT, 'form is locked: its items cannot change');"
SQLITE_FORWARD = [
    f"""CREATE TRIGGER delivery_formitem_guard_insert BEFORE INSERT ON delivery_formitem
    WHEN (SELECT status FROM delivery_form WHERE id = NEW.form_id) <> 'draft'
    BEGIN {_LOCKED_ITEM} END;""",
    f"""CREATE TRIGGER delivery_formitem_guard_update BEFORE UPDATE ON delivery_formitem
    WHEN (SELECT status FROM delivery_form WHERE id = OLD.form_id) <> 'draft'
      OR (SELECT status FROM delivery_form WHERE id = NEW.form_id) <> 'draft'
    BEGIN {_LOCKED_ITEM} END;""",
    """CREATE TRIGGER delivery_form_guard_update BEFORE UPDATE ON delivery_form
    WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR NEW.subject_id <> OLD.subject_id)
    BEGIN SELECT RAISE(ABORT, 'form is locked: it cannot return to draft or change subject');
    END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS delivery_formitem_guard_insert;",
    "DROP TRIGGER IF EXISTS delivery_formitem_guard_update;",
    "DROP TRIGGER IF EXISTS delivery_form_guard_update;",
]


def _run(schema_editor, postgres, sqlite) -> None:
    # A cursor without parameters: the SQL's own % signs (RAISE formats) stay as written.
    vendor = schema_editor.connection.vendor
    statements = [postgres] if vendor == "postgresql" else sqlite if vendor == "sqlite" else []
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, POSTGRES_FORWARD, SQLITE_FORWARD)


def reverse(apps, schema_editor):
    _run(schema_editor, POSTGRES_REVERSE, SQLITE_REVERSE)


class Migration(migrations.Migration):
    dependencies = [("delivery", "0001_forms_attempts_responses")]

    operations = [migrations.RunPython(forward, reverse, elidable=False)]
