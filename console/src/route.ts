import { useEffect, useState } from 'preact/hooks';

/** Hash routes (`#/inbox`, `#/cases/20261124-000001`): the console is one static page, the API serves no routes for it. */
export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export function useRoute(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export const navigate = (path: string) => {
  location.hash = path;
};

export const casePath = (caseNo: string) => `/cases/${caseNo}`;
