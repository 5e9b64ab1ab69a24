"""The site in a real browser (headless Chromium driven by selenium), against the demo server that
scripts/browser-test.sh starts. Each scenario is a function run in order; the first failure stops the run
with its message and a screenshot (failure-<name>.png). Waits are explicit (WebDriverWait on a condition),
never sleeps. Any Content-Security-Policy violation the browser reports fails the run: a page must keep its
own policy."""
import json
import os
import sys
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["BASE_URL"]
TOKEN = os.environ["ADMIN_TOKEN"]
SHOTS = os.environ["SCREENSHOT_DIR"]
ACTIVE_CASE = "jose-daniel-ferrer"  # an active demo case: it takes public actions


def api(path, method="GET", body=None, token=None):
    """The JSON API, outside the browser: what the pages are checked against."""
    request = urllib.request.Request(BASE + path, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Accept", "application/json")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


class Browser:
    def __init__(self, driver):
        self.driver = driver

    def open(self, path):
        self.driver.get(BASE + path)

    def wait(self, condition, message, timeout=10):
        return WebDriverWait(self.driver, timeout).until(lambda d: condition(), message)

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def meta(self, attribute, name):
        return self.find(f'meta[{attribute}="{name}"]').get_attribute("content")

    def shot(self, name):
        self.driver.save_screenshot(os.path.join(SHOTS, name))

    def card_slugs(self):
        return [card.get_attribute("data-slug") for card in self.find_all("article.post-card")]

    def policy_violations(self):
        return [entry["message"] for entry in self.driver.get_log("browser")
                if "Content Security Policy" in entry["message"] or "Content-Security-Policy" in entry["message"]]


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


# --- the public site ---------------------------------------------------------------------------------

def feed_in_order_and_more(b):
    public = [post["slug"] for post in api("/v1/posts?limit=100")["data"]]
    b.open("/")
    first = b.card_slugs()
    expect(first == public[:len(first)] and len(first) == 10, f"the feed's first page {first} is not {public[:10]}")
    expect(b.find("#totals").text.count("actions taken") == 1, "the totals strip is missing")
    b.shot("feed.png")
    b.find("#more").click()
    b.wait(lambda: "cursor=" in b.driver.current_url, "More did not go to the next page")
    rest = b.card_slugs()
    expect(rest == public[10:10 + len(rest)] and rest, f"the second page {rest} is not {public[10:20]}")


def post_page_with_rendered_body_and_sharing_tags(b):
    b.open("/")
    title_link = b.find("article.post-card h2 a")
    expected_title = title_link.text
    title_link.click()
    b.wait(lambda: "/posts/" in b.driver.current_url, "the title did not open the story")
    slug = b.driver.current_url.rsplit("/", 1)[1]
    post = api("/v1/posts/" + slug)
    expect(b.find("h1").text == expected_title == post["title"], "the story's heading is not its title")
    paragraphs = b.find_all("#post-body p")
    expect(paragraphs and paragraphs[0].text.strip() != "", "the rendered body has no paragraph")
    expect(b.meta("property", "og:title") == post["title"], "og:title is not the title")
    expect(b.meta("property", "og:description") == post["summary"], "og:description is not the summary")
    expect(b.meta("property", "og:url") == b.driver.current_url, "og:url is not this page")
    expect(b.find('link[rel="canonical"]').get_attribute("href") == b.driver.current_url, "no canonical URL")
    expect(b.meta("name", "twitter:card") in ("summary", "summary_large_image"), "no Twitter card")
    b.shot("post.png")


def markdown_with_script_renders_as_text(b):
    post = api("/v1/posts", "POST", {
        "title": "Browser test: Markdown with a script", "status": "published",
        "summary": "Checks that raw HTML is shown, never run.",
        "body": "## Heading from Markdown\n\n<script>window.__pwned = 1</script>\n\nA **bold** word.",
        "image": {"url": "https://example.org/photo.jpg", "caption": "A caption"},
    }, token=TOKEN)
    b.open("/posts/" + post["slug"])
    body = b.find("#post-body")
    expect(body.find_element(By.TAG_NAME, "h2").text == "Heading from Markdown", "the Markdown heading is not an <h2>")
    expect(not body.find_elements(By.TAG_NAME, "script"), "a <script> element reached the page")
    expect("<script>window.__pwned = 1</script>" in body.text, "the raw HTML is not shown as text")
    expect(b.driver.execute_script("return window.__pwned") is None, "the script ran")
    expect(b.meta("property", "og:image") == "https://example.org/photo.jpg", "og:image is not the photo")


def search_finds_quinones(b):
    b.open("/")
    box = b.find("#search-q")
    box.send_keys("quinones", Keys.ENTER)
    b.wait(lambda: "/search?q=quinones" in b.driver.current_url, "the search box did not search")
    titles = [link.text for link in b.find_all("#results h2 a")]
    expect(any("Quiñones" in title for title in titles), f"no result names Quiñones: {titles}")
    marks = [mark.text for mark in b.find_all("#results mark")]
    expect(marks and all(mark.lower() in ("quiñones", "quinones") for mark in marks), f"marks: {marks}")


def case_action_counts_once_and_reaches_another_window(b):
    b.open("/cases/" + ACTIVE_CASE)
    first = b.driver.current_window_handle
    before = int(b.find("#tally-total").get_attribute("data-total"))
    b.driver.switch_to.new_window("window")
    second = b.driver.current_window_handle
    b.open("/cases/" + ACTIVE_CASE)
    expect(int(b.find("#tally-total").get_attribute("data-total")) == before, "the two windows disagree")
    # The stream must be open before the action (case.js marks the tally data-live="open").
    b.wait(lambda: b.find("#tally").get_attribute("data-live") == "open",
           "the second window did not open the live stream")
    b.driver.switch_to.window(first)
    button = b.find("#take-action")
    expect(button.is_displayed(), "no Take action button on an active case")
    button.click()
    b.wait(lambda: "Thank you" in b.find("#action-status").text,
           lambda: f"no thanks after the action: {b.find('#action-status').text!r}")
    expect(int(b.find("#tally-total").get_attribute("data-total")) == before + 1, "the total did not rise by one")
    expect(button.is_enabled(), "the button stayed disabled")
    b.shot("case.png")
    b.driver.switch_to.window(second)
    b.wait(lambda: int(b.find("#tally-total").get_attribute("data-total")) == before + 1,
           "the second window did not see the new total without reloading", timeout=5)
    expect(api(f"/v1/cases/{ACTIVE_CASE}/tally")["total"] == before + 1, "the API's total is not one more")
    b.driver.close()
    b.driver.switch_to.window(first)


def a_missing_page_is_in_the_site_style(b):
    b.open("/posts/no-such-story")
    expect("Page not found" in b.find("h1").text or "no story" in b.find("main").text.lower(), "no 404 page")
    expect(b.find_all("header.masthead"), "the 404 page is not in the site's style")


PUBLIC_SCENARIOS = [
    feed_in_order_and_more,
    post_page_with_rendered_body_and_sharing_tags,
    markdown_with_script_renders_as_text,
    search_finds_quinones,
    case_action_counts_once_and_reaches_another_window,
    a_missing_page_is_in_the_site_style,
]

# --- the editor's console ----------------------------------------------------------------------------

def visible(b, selector):
    nodes = b.find_all(selector)
    return bool(nodes) and nodes[0].is_displayed()


def sign_in(b, token):
    b.open("/admin")
    b.driver.execute_script("sessionStorage.clear()")  # start signed out, whatever an earlier scenario left
    b.open("/admin")
    field = b.find("#token")
    field.clear()
    field.send_keys(token)
    b.find("#sign-in-button").click()


def admin_refuses_a_bad_token(b):
    sign_in(b, "not-a-real-token")
    b.wait(lambda: visible(b, "#sign-in-error"), "a bad token was not refused visibly")
    expect("not accepted" in b.find("#sign-in-error").text, f"unclear refusal: {b.find('#sign-in-error').text!r}")
    expect(not visible(b, "#console"), "the console opened with a bad token")
    expect(b.driver.execute_script("return sessionStorage.length") == 0, "a refused token was kept")


def admin_writes_a_draft_with_preview_and_publishes_it(b):
    sign_in(b, TOKEN)
    b.wait(lambda: visible(b, "#console"), "the console did not open with the admin token")
    b.wait(lambda: b.find_all("#post-list li.post-row"), "the console lists no posts")
    b.find("#new-post").click()
    b.find("#post-title").send_keys("Browser test: a draft from the console")
    b.find("#post-summary").send_keys("Written in the editor's console.")
    b.find("#post-body").send_keys("## A heading from Markdown\n\nSome **bold** text.\n\n<script>alert(1)</script>")
    b.wait(lambda: [h.text for h in b.find_all("#post-preview h2")] == ["A heading from Markdown"],
           "the preview did not render the heading")
    preview = b.find("#post-preview")
    expect(not preview.find_elements(By.TAG_NAME, "script"), "a <script> element in the preview")
    expect("<script>alert(1)</script>" in preview.text, "the preview does not show the raw HTML as text")
    b.shot("console.png")
    b.find("#save-draft").click()
    b.wait(lambda: "Saved draft" in b.find("#post-message").text, "the draft was not saved")
    slug = b.find("#post-slug").get_attribute("value")
    expect(api("/v1/posts/" + slug, token=TOKEN)["status"] == "draft", "the saved post is not a draft")
    b.open("/")
    expect(slug not in b.card_slugs(), "a draft is on the public feed")
    b.driver.back()
    b.wait(lambda: visible(b, "#console"), "the console did not keep the sign-in")
    b.wait(lambda: b.find_all(f'#post-list li.post-row[data-slug="{slug}"] button'), "the draft is not listed")
    b.find(f'#post-list li.post-row[data-slug="{slug}"] button').click()
    b.wait(lambda: b.find("#post-title").get_attribute("value") == "Browser test: a draft from the console",
           "the draft did not open in the editor")
    b.find("#publish").click()
    b.wait(lambda: "Published" in b.find("#post-message").text, "the post was not published")
    b.open("/")
    expect(b.card_slugs()[0] == slug, f"the published post is not first on the feed: {b.card_slugs()[:3]}")
    b.open("/posts/" + slug)
    expect([h.text for h in b.find_all("#post-body h2")] == ["A heading from Markdown"], "the story lost its heading")
    expect(not b.find("#post-body").find_elements(By.TAG_NAME, "script"), "a <script> element in the story")


def admin_records_offline_actions_and_charts_them(b):
    sign_in(b, TOKEN)
    b.wait(lambda: visible(b, "#console"), "the console did not open")
    before = api(f"/v1/cases/{ACTIVE_CASE}/tally")["total"]
    b.find("#tab-actions").click()
    b.wait(lambda: b.find_all(f'#action-case option[value="{ACTIVE_CASE}"]'), "no cases to record actions on")
    b.find(f'#action-case option[value="{ACTIVE_CASE}"]').click()
    count = b.find("#action-count")
    count.clear()
    count.send_keys("250")
    b.find("#action-country").send_keys("CA")
    b.find("#record-action").click()
    b.wait(lambda: "Recorded 250" in b.find("#action-message").text,
           lambda: f"the actions were not recorded: {b.find('#action-message').text!r}")
    expect(api(f"/v1/cases/{ACTIVE_CASE}/tally")["total"] == before + 250, "the tally did not rise by 250")
    b.find("#tab-tallies").click()
    b.find(f'#tally-case option[value="{ACTIVE_CASE}"]').click()
    b.find("#show-tally").click()
    b.wait(lambda: b.find_all("#tally-chart svg rect"), "no chart was drawn")
    kinds = {row.find_element(By.TAG_NAME, "th").text for row in b.find_all("#tally-by-kind tbody tr")}
    expect("petition" in kinds, f"the table by kind misses the public action: {kinds}")
    b.shot("tallies.png")
    b.find("#sign-out").click()
    b.wait(lambda: visible(b, "#sign-in"), "signing out did not show the sign-in form")
    expect(b.driver.execute_script("return sessionStorage.length") == 0, "signing out kept the token")


ADMIN_SCENARIOS = [
    admin_refuses_a_bad_token,
    admin_writes_a_draft_with_preview_and_publishes_it,
    admin_records_offline_actions_and_charts_them,
]


def main():
    driver = make_driver()
    browser = Browser(driver)
    try:
        for scenario in PUBLIC_SCENARIOS + ADMIN_SCENARIOS:
            name = scenario.__name__
            try:
                scenario(browser)
                violations = browser.policy_violations()
                expect(not violations, f"Content-Security-Policy violations: {violations}")
            except Exception:
                traceback.print_exc()
                browser.shot(f"failure-{name}.png")
                print(f"FAIL {name}", file=sys.stderr)
                return 1
            print(f"ok   {name}")
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
