// Closes the connection after any answer that left the request body unread (a 415, a 401, a 405 …).

import type { MiddlewareHandler } from 'hono';

/**
 * The unread rest of a body stays in the connection, so a keep-alive client that sends its next request there
 * waits forever (measured: every second request after a 415 with a large body hung). Saying `Connection: close`
 * makes the client open a fresh connection instead. Bodies the route did read are unaffected.
 */
export const closeIfBodyUnread: MiddlewareHandler = async (c, next) => {
  await next();
  const length = c.req.header('content-length');
  const hasBody = c.req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
  if (hasBody && !c.req.raw.bodyUsed) c.res.headers.set('Connection', 'close');
};
