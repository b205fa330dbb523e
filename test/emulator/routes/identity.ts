/** SCIM Me, OIDC discovery, the OAuth client-credentials token endpoint and host metadata. */
import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context';
import { Reply, type Router } from '../router';

export function identityRoutes(router: Router, ctx: EmulatorContext): void {
  router.add('GET', '/api/2.0/preview/scim/v2/Me', () => {
    const u = ctx.user;
    return new Reply(
      200,
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: u.id,
        userName: u.userName,
        displayName: u.displayName,
        active: true,
        emails: [{ value: u.userName, type: 'work', primary: true }],
        name: { givenName: u.displayName.split(' ')[0], familyName: u.displayName.split(' ').slice(1).join(' ') },
        groups: [{ display: 'users', value: '100', $ref: 'Groups/100' }],
        entitlements: [{ value: 'workspace-access' }, { value: 'databricks-sql-access' }],
      },
      { 'X-Databricks-Org-Id': String(ctx.workspaceId) },
    );
  });

  router.add(
    'GET',
    '/oidc/.well-known/oauth-authorization-server',
    () => ({
      issuer: `${ctx.url()}/oidc`,
      authorization_endpoint: `${ctx.url()}/oidc/v1/authorize`,
      token_endpoint: `${ctx.url()}/oidc/v1/token`,
      jwks_uri: `${ctx.url()}/oidc/jwks.json`,
      grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
      response_types_supported: ['code', 'id_token'],
      scopes_supported: ['all-apis', 'offline_access', 'openid', 'profile', 'email'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256'],
    }),
    { public: true },
  );

  router.add(
    'GET',
    '/.well-known/databricks-config',
    () => ({ oidc_endpoint: `${ctx.url()}/oidc`, workspace_id: String(ctx.workspaceId), cloud: 'aws' }),
    { public: true },
  );

  router.add(
    'POST',
    '/oidc/v1/token',
    (req) => {
      const form = new URLSearchParams(req.rawBody.toString('utf8'));
      let clientId = form.get('client_id') ?? undefined;
      let clientSecret = form.get('client_secret') ?? undefined;
      const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
      if (basic) {
        const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      }
      if (form.get('grant_type') !== 'client_credentials')
        return new Reply(400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${form.get('grant_type')}` });
      if (!clientId || ctx.oauthClients.get(clientId) === undefined || ctx.oauthClients.get(clientId) !== clientSecret)
        return new Reply(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      const token = `emu-oauth-${randomBytes(12).toString('hex')}`;
      ctx.issuedTokens.add(token);
      ctx.tokenGrants.push({ clientId, scope: form.get('scope') ?? '' });
      return { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') ?? 'all-apis' };
    },
    { public: true },
  );
}
