import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'bootstrap/dist/css/bootstrap.min.css';
import './app/styles.css';
import { App } from './app/App';

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks the #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
