import http from 'node:http';
import pg from 'pg';

/**
 * The hand-written comparison for `npm run bench`: node's own `http` and `pg` on the same
 * database, answering the theme page (POST with the same JSON body Temahub gets: slug, first and
 * an optional municipality filter) with one named prepared statement that builds the page's JSON
 * in PostgreSQL. What a hand-tuned endpoint for exactly this page costs; it knows no GraphQL.
 *
 * Environment: DATABASE_URL, PORT (default 5203), POOL_SIZE (default 10). Prints "ready" when
 * it listens.
 */
const HAND_WRITTEN = `
  WITH t AS (SELECT * FROM theme WHERE slug = $1),
  page AS (
    SELECT a.* FROM activity a, t
     WHERE a.theme_id = t.id AND a.status IN ('PUBLISHED', 'CANCELLED')
       AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM library l WHERE l.id = a.library_id AND l.municipality_code = $3))
     ORDER BY a.starts_at, a.id LIMIT $2)
  SELECT json_build_object(
    'theme', (SELECT json_build_object('id', t.id, 'number', t.number, 'title', t.title,
       'participantCount', (SELECT count(*) FROM registration r WHERE r.theme_id = t.id AND r.status = 'REGISTERED'),
       'partners', (SELECT json_agg(json_build_object('role', tp.role, 'name', p.name, 'kind', p.kind) ORDER BY tp.position)
                      FROM theme_partner tp JOIN partner p ON p.id = tp.partner_id WHERE tp.theme_id = t.id),
       'materials', (SELECT json_agg(json_build_object('title', m.title, 'kind', m.kind) ORDER BY tm.position)
                      FROM theme_material tm JOIN material m ON m.id = tm.material_id WHERE tm.theme_id = t.id),
       'totalCount', (SELECT count(*) FROM activity a WHERE a.theme_id = t.id AND a.status IN ('PUBLISHED', 'CANCELLED')
                        AND ($3::int IS NULL OR EXISTS (SELECT 1 FROM library l WHERE l.id = a.library_id AND l.municipality_code = $3))))
       FROM t),
    'activities', (SELECT json_agg(json_build_object(
        'id', a.id, 'title', a.title, 'startsAt', a.starts_at, 'endsAt', a.ends_at, 'format', a.format,
        'channel', a.channel, 'audiences', a.audiences, 'status', a.status,
        'venue', json_build_object('name', a.venue_name, 'city', a.venue_city, 'latitude', a.latitude, 'longitude', a.longitude),
        'library', json_build_object('name', l.name, 'municipality', json_build_object('code', m.code, 'name', m.name, 'region', m.region_code)),
        'partners', (SELECT coalesce(json_agg(json_build_object('name', p.name, 'kind', p.kind)), '[]') FROM activity_partner ap JOIN partner p ON p.id = ap.partner_id WHERE ap.activity_id = a.id),
        'materials', (SELECT coalesce(json_agg(json_build_object('title', mt.title)), '[]') FROM activity_material am JOIN material mt ON mt.id = am.material_id WHERE am.activity_id = a.id)
      ) ORDER BY a.starts_at, a.id)
      FROM page a JOIN library l ON l.id = a.library_id JOIN municipality m ON m.code = l.municipality_code)
  ) AS page`;

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
  idleTimeoutMillis: 0,
});

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      try {
        const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          variables: { slug: string; first?: number; filter?: { municipalityCode?: number } };
        };
        const { rows } = await pool.query({
          name: 'theme-page',
          text: HAND_WRITTEN,
          values: [variables.slug, variables.first ?? 20, variables.filter?.municipalityCode ?? null],
        });
        const body = JSON.stringify(rows[0].page);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      }
    })();
  });
});

server.listen(Number(process.env.PORT ?? 5203), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
