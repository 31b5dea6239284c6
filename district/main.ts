/** Entry point of the district CLI (the bin and `npm run district` run this file). */
import { main } from './cli';

process.exitCode = await main(process.argv);
