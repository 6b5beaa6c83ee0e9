import { addBrand, authoriseSeller, findBrand, listBrands } from '../../core/fakes/brands.js';
import { importCatalogue } from '../../core/fakes/brand-import.js';
import type { Db } from '../../core/workspace/db.js';
import { sellerArg } from '../args.js';
import { actionsHelp, actionsOptions, actionsPositionals, actionsUsage, type ActionDef, type OptionDef } from '../actions.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { withWorkspace } from '../open-workspace.js';

/** --brand: which brand of the catalogue; shared by the brand and monitor commands. */
export const BRAND_OPTION: OptionDef = { name: 'brand', type: 'string', arg: 'NAME', help: 'which brand (not needed when there is only one)' };

const ACTIONS: readonly ActionDef[] = [
  { name: 'add', arg: 'NAME', help: 'add a brand to the catalogue' },
  {
    name: 'import',
    arg: 'FILE.csv',
    help: `add or update the brand's products, one row per product
and market, with the columns
product,reference,market,retail_price,currency,images,keywords
(images: PNG, JPEG, WebP or GIF files relative to the CSV, or http(s) URLs,
separated by "|"; keywords too). Official images are
hashed (dHash, mirrored too) and kept in the workspace.
A malformed CSV or an unreadable image is refused with
its line and column; nothing is imported.`,
    options: [BRAND_OPTION],
  },
  { name: 'list', help: 'the brands, with their products, images and authorised sellers' },
  { name: 'authorise', arg: 'M:ID', help: 'record a seller as authorised for the brand (MARKETPLACE:ID)', options: [BRAND_OPTION] },
];

export const brandCommand: Command = {
  name: 'brand',
  summary: "the brand's reference catalogue: products, retail prices, official images, authorised sellers",
  usage: actionsUsage('brand', ACTIONS),
  help: actionsHelp('What the suspicion score compares search results with.', ACTIONS),
  options: actionsOptions(ACTIONS),
  positionals: actionsPositionals(ACTIONS),
  async run({ values, positionals, out, workspaceDir }) {
    const [action, arg] = positionals;
    return withWorkspace(workspaceDir, async (ws) => {
      switch (action) {
        case 'add': {
          if (!arg) throw new UsageError('exhibit brand add NAME: give the brand name');
          const added = await addBrand(ws.db, arg);
          if (!added.ok) throw new UsageError(added.error);
          out.line(added.value.created ? `Added brand ${added.value.name} (${added.value.id}).` : `Brand ${added.value.name} is already in the catalogue.`);
          out.data(added.value);
          return EXIT.ok;
        }
        case 'import': {
          if (!arg) throw new UsageError('exhibit brand import FILE.csv: give the CSV file');
          const brand = await chooseBrand(ws.db, values.brand);
          const imported = await importCatalogue(ws, brand.id, arg);
          if (!imported.ok) throw new UsageError(imported.error);
          out.line(`Imported ${imported.value.products} products and ${imported.value.images} official images into ${brand.name}.`);
          out.data({ brand, ...imported.value });
          return EXIT.ok;
        }
        case 'list': {
          const brands = await listBrands(ws.db);
          out.data(brands);
          if (brands.length === 0) out.line('No brand yet: exhibit brand add NAME');
          for (const b of brands) {
            const sellers = b.authorised.map((s) => `${s.marketplace}:${s.sellerKey}`).join(', ');
            out.line(`${b.name}  ${b.products} products, ${b.images} official images; authorised sellers: ${sellers || 'none'}`);
          }
          return EXIT.ok;
        }
        case 'authorise': {
          const seller = sellerArg(arg, 'exhibit brand authorise');
          if (!seller) throw new UsageError('exhibit brand authorise M:ID: give the seller as MARKETPLACE:ID');
          const brand = await chooseBrand(ws.db, values.brand);
          const added = await authoriseSeller(ws.db, brand.id, seller.marketplace, seller.sellerKey);
          out.line(`${seller.marketplace}:${seller.sellerKey} ${added ? 'is now' : 'was already'} an authorised seller of ${brand.name}.`);
          out.data({ brand, ...seller, added });
          return EXIT.ok;
        }
        default:
          throw new UsageError(`exhibit brand ${action ?? ''}: expected add, import, list or authorise`);
      }
    });
  },
};

/** The brand --brand names, or the only one there is. */
export async function chooseBrand(db: Db, flag: unknown): Promise<{ id: string; name: string }> {
  if (typeof flag === 'string') {
    const found = await findBrand(db, flag);
    if (!found) throw new UsageError(`No brand "${flag}" in the catalogue (exhibit brand list shows them).`);
    return found;
  }
  const all = await listBrands(db);
  if (all.length === 1) return { id: all[0]!.id, name: all[0]!.name };
  throw new UsageError(all.length === 0 ? 'No brand yet: exhibit brand add NAME' : `Several brands: say which with --brand (${all.map((b) => b.name).join(', ')})`);
}
