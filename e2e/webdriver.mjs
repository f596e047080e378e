// A small W3C WebDriver client over fetch: just what the end-to-end tests
// use, so each test reads as what a person does ("click the button that
// says Lock"). WebKitWebDriver speaks classic WebDriver (no BiDi).

const ELEMENT = "element-6066-11e4-a52f-4a5b6e8d7c31";

export class Driver {
  constructor(base, session) {
    this.base = base;
    this.session = session;
  }

  static async start(base, application, env = {}) {
    const res = await rpc(`${base}/session`, "POST", {
      capabilities: { alwaysMatch: { "tauri:options": { application, env } } },
    });
    return new Driver(base, res.sessionId);
  }

  cmd(method, path, body) {
    return rpc(`${this.base}/session/${this.session}${path}`, method, body);
  }

  async quit() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  /** Find elements by CSS (default) or XPath (when the selector starts with / or ( ). */
  async findAll(selector) {
    const using = selector.startsWith("/") || selector.startsWith("(") ? "xpath" : "css selector";
    const found = await this.cmd("POST", "/elements", { using, value: selector });
    return found.map((e) => new Element(this, e[ELEMENT] ?? e.ELEMENT ?? Object.values(e)[0]));
  }

  /** Wait (up to `timeout` ms) for an element and return it. */
  async find(selector, timeout = 10_000) {
    const until = Date.now() + timeout;
    for (;;) {
      const all = await this.findAll(selector);
      if (all.length) return all[0];
      if (Date.now() > until) {
        const text = await this.bodyText().catch(() => "");
        throw new Error(`Nothing on screen matches ${selector}. The screen says: ${text.slice(0, 400).replace(/\s+/g, " ")}`);
      }
      await sleep(100);
    }
  }

  /** Wait until `f()` is truthy; returns its value. */
  async until(what, f, timeout = 10_000) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await f();
        if (last) return last;
      } catch (e) {
        last = e;
      }
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what} (last: ${last})`);
      await sleep(100);
    }
  }

  run(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  runAsync(script, ...args) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  async bodyText() {
    return this.run("return document.body.innerText");
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }
}

export class Element {
  constructor(driver, id) {
    this.driver = driver;
    this.id = id;
  }
  click() {
    return this.driver.cmd("POST", `/element/${this.id}/click`, {});
  }
  async type(text) {
    return this.driver.cmd("POST", `/element/${this.id}/value`, { text });
  }
  clear() {
    return this.driver.cmd("POST", `/element/${this.id}/clear`, {});
  }
  text() {
    return this.driver.cmd("GET", `/element/${this.id}/text`);
  }
  attribute(name) {
    return this.driver.cmd("GET", `/element/${this.id}/attribute/${name}`);
  }
  property(name) {
    return this.driver.cmd("GET", `/element/${this.id}/property/${name}`);
  }
}

async function rpc(url, method, body) {
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
