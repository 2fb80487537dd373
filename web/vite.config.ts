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
    test: {
        include: ['src/**/*.test.ts'],
        globals: true,
    },
});
