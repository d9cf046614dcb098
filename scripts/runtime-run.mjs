import { roundTrips } from './checks.mjs';

console.log(await roundTrips());
