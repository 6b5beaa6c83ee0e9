/**
 * Captcha, robot-check and login-wall pages. They are stored as evidence of
 * the attempt, with outcome "blocked", and never filed as a listing.
 */
const URL_SIGNS: RegExp[] = [
  /\/errors\/validateCaptcha/i, // Amazon
  /\/ap\/signin/i, // Amazon login wall
  /\/splashui\/captcha|\/splashui\/challenge/i, // eBay
  /_____tmd_____\/punish|\/punish\?|x5secdata/i, // Alibaba group (AliExpress, Taobao, Tmall)
  /login\.taobao\.com|login\.tmall\.com|passport\.aliexpress/i,
  /\/blocked\?|captcha-delivery\.com|geo\.captcha-delivery/i, // DataDome
  /\/cdn-cgi\/challenge-platform/i, // Cloudflare
];

const TEXT_SIGNS: RegExp[] = [
  /enter the characters you see below/i,
  /sorry,? we just need to make sure you'?re not a robot/i,
  /are you a (human|robot)\??/i,
  /verify (that )?you are (a )?human/i,
  /please verify you are a human/i,
  /unusual traffic from your (computer|network)/i,
  /checking (if the site connection is secure|your browser before accessing)/i,
  /press (and|&) hold to confirm you are a human/i,
  /pardon our interruption/i,
  /请(输入|完成)验证码|滑动验证|拖动下方滑块|安全验证|亲，请登录/,
  /veuillez confirmer que vous n'êtes pas un robot/i,
];

const DOM_SIGNS: RegExp[] = [/<iframe[^>]+src="[^"]*(recaptcha|hcaptcha\.com|geetest|arkoselabs|funcaptcha|captcha-delivery\.com)/i, /class="[^"]*(g-recaptcha|h-captcha|nc_wrapper|baxia-dialog)/i];

export interface BlockedSign {
  kind: 'url' | 'text' | 'dom';
  matched: string;
}

/** The first sign that this is a wall, not the page asked for; null when none. */
export function detectBlocked(page: { url: string; title: string; text: string; html: string }): BlockedSign | null {
  for (const r of URL_SIGNS) if (r.test(page.url)) return { kind: 'url', matched: r.source };
  const text = `${page.title}\n${page.text.slice(0, 20_000)}`;
  for (const r of TEXT_SIGNS) {
    const m = r.exec(text);
    if (m) return { kind: 'text', matched: m[0] };
  }
  for (const r of DOM_SIGNS) {
    const m = r.exec(page.html.slice(0, 500_000));
    if (m) return { kind: 'dom', matched: m[0].slice(0, 120) };
  }
  return null;
}
