// 405 for a path that exists under other methods (Hono's router alone answers 404), with the Allow header.

interface RouteInfo {
  method: string;
  path: string;
}

/** `/api/sessions/:id/answers` → a regular expression matching concrete paths; null for wildcard routes. */
function patternOf(routePath: string): RegExp | null {
  if (routePath.includes('*')) return null;
  const source = routePath
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * The methods that `path` answers to, from an app's route table (middleware and wildcard routes left out),
 * with HEAD wherever GET is; empty when no route has this path.
 */
export function allowedMethods(routes: readonly RouteInfo[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    if (patternOf(route.path)?.test(path)) methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
