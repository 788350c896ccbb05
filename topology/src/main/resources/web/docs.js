// Renders the server's own OpenAPI document with Swagger UI, both served by this server.
'use strict';
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({ url: '/openapi.json', dom_id: '#api', deepLinking: true, tryItOutEnabled: false });
});
