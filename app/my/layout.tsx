import { requireViewer } from '../_server/session';

export default async function MyAccountLayout({ children }: { children: React.ReactNode }) {
  await requireViewer();
  return children;
}
