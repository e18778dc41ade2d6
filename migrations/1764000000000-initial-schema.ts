import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial Temahub schema. Enumerations are text columns with CHECK constraints so that
 * adding a value is a one-line migration and the same SQL runs on PostgreSQL and PGlite.
 * IDs are UUIDs from the built-in gen_random_uuid() (no extension needed).
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region (
        code          text PRIMARY KEY
                      CHECK (code IN ('HOVEDSTADEN','SJAELLAND','SYDDANMARK','MIDTJYLLAND','NORDJYLLAND')),
        official_code integer NOT NULL UNIQUE,
        name          text NOT NULL
      );

      CREATE TABLE municipality (
        code        integer PRIMARY KEY CHECK (code BETWEEN 100 AND 999),
        name        text NOT NULL UNIQUE,
        region_code text NOT NULL REFERENCES region(code)
      );
      CREATE INDEX municipality_region_idx ON municipality(region_code);

      CREATE TABLE library (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name               text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        municipality_code  integer NOT NULL REFERENCES municipality(code),
        isil               text UNIQUE CHECK (isil ~ '^DK-[0-9]{6}$'),
        is_central_library boolean NOT NULL DEFAULT false,
        address            text,
        postal_code        text CHECK (postal_code ~ '^[0-9]{4}$'),
        city               text,
        latitude           double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude          double precision CHECK (longitude BETWEEN -180 AND 180),
        website            text,
        email              text,
        is_demo            boolean NOT NULL DEFAULT false,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CHECK ((latitude IS NULL) = (longitude IS NULL))
      );
      CREATE INDEX library_municipality_idx ON library(municipality_code);
      CREATE INDEX library_name_idx ON library(lower(name));

      CREATE TABLE theme (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number                 integer NOT NULL UNIQUE CHECK (number > 0),
        slug                   text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title                  text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        summary                text NOT NULL,
        description            text NOT NULL,
        year                   integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        start_week             integer NOT NULL CHECK (start_week BETWEEN 1 AND 53),
        end_week               integer NOT NULL CHECK (end_week BETWEEN 1 AND 53),
        registration_opens_at  timestamptz,
        registration_closes_at timestamptz,
        focus_areas            text[] NOT NULL DEFAULT '{}' CHECK (focus_areas <@ ARRAY[
                                 'PARTNERSHIPS','SCHOOLS_MUSEUMS_ARCHIVES','PUBLIC_DEBATE',
                                 'ACTIVITIES_CHILDREN_ADULTS','INSPIRATION_KNOWLEDGE_LITERATURE',
                                 'DIGITAL_OUTREACH']::text[]),
        image_url              text,
        image_alt              text,
        image_credit           text,
        -- First and last day of the theme's ISO weeks (Monday of start week, Sunday of end week).
        starts_on              date GENERATED ALWAYS AS (
                                 make_date(year, 1, 4) - (extract(isodow FROM make_date(year, 1, 4))::int - 1)
                                 + (start_week - 1) * 7) STORED,
        ends_on                date GENERATED ALWAYS AS (
                                 make_date(year, 1, 4) - (extract(isodow FROM make_date(year, 1, 4))::int - 1)
                                 + (end_week - 1) * 7 + 6) STORED,
        is_published           boolean NOT NULL DEFAULT true,
        is_demo                boolean NOT NULL DEFAULT false,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (end_week >= start_week),
        -- Week 53 exists only in years whose 28 December falls in week 53.
        CHECK (end_week <= extract(week FROM make_date(year, 12, 28))),
        CHECK (registration_closes_at IS NULL OR registration_opens_at IS NULL
               OR registration_closes_at > registration_opens_at),
        CHECK ((image_url IS NULL) = (image_alt IS NULL))
      );

      CREATE INDEX theme_period_idx ON theme(starts_on, ends_on);

      CREATE TABLE partner (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind              text NOT NULL CHECK (kind IN
                            ('MEDIA','SCHOOL','MUSEUM','ARCHIVE','ASSOCIATION','AUTHORITY','BUSINESS','OTHER')),
        scope             text NOT NULL CHECK (scope IN ('NATIONAL','LOCAL')),
        website           text,
        description       text,
        municipality_code integer REFERENCES municipality(code),
        is_demo           boolean NOT NULL DEFAULT false,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (scope = 'NATIONAL' OR municipality_code IS NOT NULL)
      );
      CREATE UNIQUE INDEX partner_name_municipality_key
        ON partner(lower(name), coalesce(municipality_code, 0));
      CREATE INDEX partner_kind_scope_idx ON partner(kind, scope);

      CREATE TABLE theme_partner (
        theme_id   uuid NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
        partner_id uuid NOT NULL REFERENCES partner(id),
        role       text NOT NULL CHECK (length(btrim(role)) BETWEEN 1 AND 100),
        position   integer NOT NULL DEFAULT 0,
        PRIMARY KEY (theme_id, partner_id)
      );
      CREATE INDEX theme_partner_partner_idx ON theme_partner(partner_id);

      CREATE TABLE material (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind       text NOT NULL CHECK (kind IN
                     ('BOOK','BOOK_LIST','ARTICLE','VIDEO','PODCAST','CAMPAIGN_MATERIAL')),
        title      text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        creator    text,
        isbn       text CHECK (isbn ~ '^(97[89])?[0-9]{9}[0-9X]$'),
        url        text,
        audiences  text[] NOT NULL DEFAULT '{}' CHECK (audiences <@ ARRAY[
                     'CHILDREN','YOUTH','ADULTS','FAMILIES','SENIORS','SCHOOL_CLASSES','EVERYONE']::text[]),
        is_demo    boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX material_title_creator_key ON material(lower(title), coalesce(lower(creator), ''));

      CREATE TABLE theme_material (
        theme_id    uuid NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
        material_id uuid NOT NULL REFERENCES material(id),
        position    integer NOT NULL DEFAULT 0,
        PRIMARY KEY (theme_id, material_id)
      );
      CREATE INDEX theme_material_material_idx ON theme_material(material_id);

      CREATE TABLE activity (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme_id            uuid NOT NULL REFERENCES theme(id),
        library_id          uuid NOT NULL REFERENCES library(id),
        title               text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        description         text NOT NULL CHECK (length(description) <= 10000),
        audiences           text[] NOT NULL CHECK (cardinality(audiences) >= 1 AND audiences <@ ARRAY[
                              'CHILDREN','YOUTH','ADULTS','FAMILIES','SENIORS','SCHOOL_CLASSES','EVERYONE']::text[]),
        format              text NOT NULL CHECK (format IN ('TALK','READING','WALK','WORKSHOP','EXHIBITION',
                              'DEBATE','SCHOOL_PROGRAM','DIGITAL','OTHER')),
        channel             text NOT NULL CHECK (channel IN
                              ('LIBRARY','OUTDOORS','PARTNER_VENUE','WEB','SOCIAL_MEDIA')),
        venue_name          text,
        venue_address       text,
        venue_postal_code   text,
        venue_city          text,
        latitude            double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude           double precision CHECK (longitude BETWEEN -180 AND 180),
        accessibility       text[] NOT NULL DEFAULT '{}' CHECK (accessibility <@ ARRAY[
                              'STEP_FREE_ACCESS','ACCESSIBLE_TOILET','HEARING_LOOP','SIGN_LANGUAGE',
                              'AUDIO_DESCRIPTION','EASY_READ']::text[]),
        image_url           text,
        image_alt           text,
        image_credit        text,
        starts_at           timestamptz NOT NULL,
        ends_at             timestamptz NOT NULL,
        capacity            integer CHECK (capacity > 0),
        signup_url          text,
        price_dkk           numeric(10,2) CHECK (price_dkk >= 0),
        status              text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','CANCELLED')),
        cancellation_reason text,
        attendance          integer CHECK (attendance >= 0),
        version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        published_at        timestamptz,
        is_demo             boolean NOT NULL DEFAULT false,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        search_vector       tsvector GENERATED ALWAYS AS (
                              setweight(to_tsvector('danish'::regconfig, title), 'A') ||
                              setweight(to_tsvector('danish'::regconfig, description), 'B')) STORED,
        CHECK (ends_at > starts_at),
        CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CHECK ((image_url IS NULL) = (image_alt IS NULL)),
        CHECK (venue_name IS NOT NULL OR (venue_address IS NULL AND latitude IS NULL)),
        CHECK (status <> 'CANCELLED' OR cancellation_reason IS NOT NULL)
      );
      CREATE INDEX activity_theme_start_idx ON activity(theme_id, starts_at, id);
      CREATE INDEX activity_start_idx ON activity(starts_at, id);
      CREATE INDEX activity_library_start_idx ON activity(library_id, starts_at, id);
      CREATE INDEX activity_ends_at_idx ON activity(ends_at);
      CREATE INDEX activity_status_idx ON activity(status);
      CREATE INDEX activity_format_idx ON activity(format);
      CREATE INDEX activity_channel_idx ON activity(channel);
      CREATE INDEX activity_audiences_idx ON activity USING gin(audiences);
      CREATE INDEX activity_search_idx ON activity USING gin(search_vector);
      CREATE INDEX activity_position_idx ON activity(latitude, longitude) WHERE latitude IS NOT NULL;

      CREATE TABLE activity_partner (
        activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
        partner_id  uuid NOT NULL REFERENCES partner(id),
        PRIMARY KEY (activity_id, partner_id)
      );
      CREATE INDEX activity_partner_partner_idx ON activity_partner(partner_id);

      CREATE TABLE activity_material (
        activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
        material_id uuid NOT NULL REFERENCES material(id),
        PRIMARY KEY (activity_id, material_id)
      );
      CREATE INDEX activity_material_material_idx ON activity_material(material_id);

      CREATE TABLE registration (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        theme_id      uuid NOT NULL REFERENCES theme(id),
        library_id    uuid NOT NULL REFERENCES library(id),
        status        text NOT NULL DEFAULT 'REGISTERED' CHECK (status IN ('REGISTERED','WITHDRAWN')),
        contact_name  text NOT NULL CHECK (length(btrim(contact_name)) BETWEEN 1 AND 200),
        contact_email text NOT NULL CHECK (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
        note          text,
        registered_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at  timestamptz,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        is_demo       boolean NOT NULL DEFAULT false,
        UNIQUE (theme_id, library_id)
      );
      CREATE INDEX registration_library_idx ON registration(library_id);

      CREATE TABLE notice (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title       text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        body        text NOT NULL,
        link        text,
        valid_from  timestamptz NOT NULL,
        valid_until timestamptz,
        is_demo     boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until IS NULL OR valid_until > valid_from)
      );
      CREATE INDEX notice_validity_idx ON notice(valid_from, valid_until);

      CREATE TABLE api_token (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        role         text NOT NULL CHECK (role IN ('PARTNER','LIBRARY_STAFF','COORDINATOR')),
        library_id   uuid REFERENCES library(id),
        token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        created_at   timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at   timestamptz,
        CHECK ((role = 'LIBRARY_STAFF') = (library_id IS NOT NULL))
      );

      CREATE TABLE audit_event (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        token_id    uuid REFERENCES api_token(id),
        actor_role  text,
        actor_name  text,
        action      text NOT NULL,
        entity_type text NOT NULL,
        entity_id   text NOT NULL,
        changes     jsonb NOT NULL DEFAULT '{}'::jsonb,
        request_id  text
      );
      CREATE INDEX audit_event_entity_idx ON audit_event(entity_type, entity_id, occurred_at);
      CREATE INDEX audit_event_occurred_idx ON audit_event(occurred_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_event, api_token, notice, registration, activity_material, activity_partner,
        activity, theme_material, material, theme_partner, partner, theme, library, municipality, region;
    `);
  }
}
