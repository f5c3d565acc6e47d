import { redirect } from 'next/navigation';
import { HOME_PATH } from '@/lib/auth/redirect';

/** The home page is the inventory (the menu's first entry: Inventaire → Gérer mon inventaire). */
export default function Home() {
  redirect(HOME_PATH);
}
