import { defineJourneys } from './journeys/index.js';

defineJourneys('pglite');
