package com.sabiscore.http;

import com.sabiscore.query.TeamView;

/** {@code GET /api/v1/teams/{competition}/{team}}: a club's ratings and form, and where they were read. */
record TeamAnswer(TeamView team, String servedBy, boolean stale) {
}
