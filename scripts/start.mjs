// `npm start`: the desktop app. Its Electron shell is not part of this
// version yet; say so plainly and point at what works today.
process.stdout.write(`The Exhibit desktop app is not built yet in this version.

Everything it will do runs today from the command line, under plain Node:
  npx exhibit --help
  npx exhibit init --investigator "Your Name" --organisation "Your Firm"
  npx exhibit verify
`);
