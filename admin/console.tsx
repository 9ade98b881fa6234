import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { AdminApp } from './App';

/**
 * The admin console (react-admin), drawn in place of whatever the page shows (main.ts's sign-in
 * form). In a BrowserRouter, so its routes are real paths (react-admin's own default is a hash router).
 */
export function startConsole(root: HTMLElement) {
  root.replaceChildren();
  createRoot(root).render(
    <StrictMode>
      <BrowserRouter>
        <AdminApp />
      </BrowserRouter>
    </StrictMode>,
  );
}
