import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { prepareSignIn } from './auth/session';
import { takeTokenFromLocation } from './auth/token';
import { App } from './components/App';
import './styles.css';

takeTokenFromLocation(window.location, window.history, window.localStorage);
prepareSignIn().then((stay) => {
    if (stay) {
        createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
    }
});
