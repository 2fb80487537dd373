import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The bundle goes where the gateway serves it from (the web module's jar, META-INF/switchboard-web):
// index.html with no cache, everything under assets/ content-hashed and cached for a year.
export default defineConfig({
    plugins: [react()],
    build: {
        outDir: 'target/classes/META-INF/switchboard-web',
        emptyOutDir: true,
        assetsDir: 'assets',
        sourcemap: false,
        target: 'es2022',
    },
    server: {
        // `npm run dev` against a running ./switchboard: the gateway answers /api and /ws.
        proxy: {
            '/api': 'http://127.0.0.1:8080',
            '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
        },
    },
    test: {
        include: ['src/**/*.test.ts'],
        globals: true,
    },
});
