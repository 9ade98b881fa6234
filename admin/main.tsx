import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AdminApp } from './App';
import { RegistrationPage } from './public/RegistrationPage';
import { SignInPage } from './public/SignInPage';

/**
 * One SPA, two audiences: end users reach /register/:token (from the invitation e-mail) and
 * /sign-in (from the "access ready" e-mail) without the admin layout or a session; everything
 * else is the admin console.
 */
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <Routes>
        <Route path="/register/:token" element={<RegistrationPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/*" element={<AdminApp />} />
      </Routes>
    </BrowserRouter>
  </StrictMode>,
);
