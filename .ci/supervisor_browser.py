#!/usr/bin/env python3
"""Drives dcmc serve's supervisor page in headless Chromium through Selenium (Debian's
chromium, chromium-driver and python3-selenium; run with /usr/bin/python3). The sibling of
pages_browser.py.

  supervisor_browser.py BASE_URL TOKEN ADVISOR_TOKEN TASK LONG_CASE DOWNLOADS [--screenshots DIR]

Opens BASE_URL/supervisor, is sent to sign in, signs in with TOKEN (a supervisor of
employees_group), finds TASK in that workbin, opens it, moves it to expert_group_x's
workbin and sees it there, opens case LONG_CASE (a customer with a 200-character name), chooses the `cases` report for 2026 in
Europe/Brussels through the report form, sees its chart, and downloads its CSV into
DOWNLOADS (printed as `csv PATH`). Before the report it assigns LONG_CASE's first task to
alice and sets its OLA to three business days, and on LONG_CASE's page its SLA to five; at the end it signs out, signs in with
ADVISOR_TOKEN (alice's) and sees the new due time on the desk. No alert may open on any page. With --screenshots, saves
pages-supervisor-*.png at 1280 and 390 pixels wide. Every wait is bounded (WebDriverWait);
prints one line per check, exits 1 on the first failure.
"""
import os
import sys

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages_browser import check, no_alert, screenshot, start  # noqa: E402


def shown(driver, directory, name):
    """Checks that the page does not scroll sideways at 1280 and 390 pixels, and saves its
    screenshots at both widths when `directory` is given."""
    for width in (1280, 390):
        metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600}
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        check(not overflow, f"{name} does not scroll sideways at {width} pixels")
        screenshot(driver, directory, name, width)


def gone(element):
    """Whether `element`'s page has been replaced. Selenium's `staleness_of` knows only the
    stale-element error; Chromium sometimes answers a node of the page being replaced with
    "Node with given id does not belong to the document" instead, an error that says the same
    (if the driver itself failed, the wait for the next page after this fails too)."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def confirmed(driver, wait, button):
    """Clicks a form's button and returns the confirmation of the page the form leads to, once
    the page it was sent from is gone (the task page confirms each change in [role=status], so
    waiting for one at once could find the previous change's)."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()
    wait.until(lambda _: gone(page))
    return wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "[role=status]")))


def main():
    base, token, advisor, task, long_case, downloads = sys.argv[1].rstrip("/"), *sys.argv[2:7]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    driver, wait = start()
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
    try:
        driver.get(base + "/supervisor")
        field = wait.until(ready.presence_of_element_located((By.ID, "token")))
        check("/signin" in driver.current_url, "the supervisor page sends to sign in")
        field.send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        workbin = wait.until(ready.presence_of_element_located((By.ID, "workbin-employees_group")))
        no_alert(driver, "the board")
        check(driver.current_url.endswith("/supervisor"), "signing in comes back to the board")
        check(task in workbin.text, f"the workbin shows {task}")
        check(all(th.get_attribute("scope") for th in driver.find_elements(By.TAG_NAME, "th")),
              "every header cell has a scope")
        check(len(driver.find_elements(By.TAG_NAME, "caption")) >= 4, "the tables have captions")
        shown(driver, shots, "pages-supervisor")

        # One task a page: the workbin's next link opens its second page, the count stays whole.
        driver.get(base + "/supervisor?limit=1")
        paged = wait.until(ready.presence_of_element_located((By.ID, "workbin-employees_group")))
        caption = paged.find_element(By.TAG_NAME, "caption").text
        check(caption.endswith("tasks, 1 to 1 shown"), "a page of one task says so: " + caption)
        first = paged.find_element(By.CSS_SELECTOR, "th[scope=row]").text
        page = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, "a[rel=next][href*='list=workbin-employees_group']").click()
        wait.until(lambda _: gone(page))
        paged = wait.until(ready.presence_of_element_located((By.ID, "workbin-employees_group")))
        caption = paged.find_element(By.TAG_NAME, "caption").text
        second = paged.find_element(By.CSS_SELECTOR, "th[scope=row]").text
        check(caption.endswith("tasks, 2 to 2 shown") and second != first, f"the next page: {caption}, {second}")
        no_alert(driver, "the board's second page")
        shown(driver, shots, "pages-supervisor-paged")
        driver.get(base + "/supervisor")
        workbin = wait.until(ready.presence_of_element_located((By.ID, "workbin-employees_group")))

        # The task's link says its name, its id beside it: found by the address, kept as it was.
        link = workbin.find_element(By.CSS_SELECTOR, f"a[href$='/supervisor/tasks/{task}']")
        check(link.text.endswith(task) and link.text != task, "the task's link names it: " + link.text)
        link.click()
        move = wait.until(ready.presence_of_element_located((By.ID, "form-reassign")))
        Select(driver.find_element(By.ID, "target")).select_by_value("expert_group_x")
        done = confirmed(driver, wait, move.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check(done.text == "The task is in its new workbin.", "the move is confirmed: " + done.text)
        check("Technical experts" in driver.find_element(By.CSS_SELECTOR, "dl.facts").text, "the task is in the Technical experts workbin")
        shown(driver, shots, "pages-supervisor-task")
        driver.find_element(By.LINK_TEXT, "Board").click()
        experts = wait.until(ready.presence_of_element_located((By.ID, "workbin-expert_group_x")))
        check(task in experts.text, "the board shows the task in its new workbin")

        # A supervisor re-plans an OLA; the advisor sees it on the desk at the end.
        driver.get(f"{base}/supervisor/tasks/{long_case}.1")
        Select(wait.until(ready.presence_of_element_located((By.ID, "to")))).select_by_value("alice")
        done = confirmed(driver, wait, driver.find_element(By.CSS_SELECTOR, "#form-assign button"))
        check(done.text == "The task is assigned.", "the task is assigned to alice")
        driver.find_element(By.ID, "days").send_keys("3")
        done = confirmed(driver, wait, driver.find_element(By.CSS_SELECTOR, "#form-ola button"))
        check(done.text == "The OLA is set.", "the OLA is set")
        facts = driver.find_element(By.CSS_SELECTOR, "dl.facts")
        due = facts.find_element(By.XPATH, "dt[.='OLA due']/following-sibling::dd[1]").text
        date, clock = due.split(" ")
        year, month, day = (int(part) for part in date.split("-"))
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        words = f"{day} {months[month - 1]} {year}, {clock}"
        driver.find_element(By.LINK_TEXT, "Board").click()
        wait.until(ready.presence_of_element_located((By.ID, "workbin-expert_group_x")))
        driver.find_element(By.LINK_TEXT, long_case).click()
        wait.until(ready.presence_of_element_located((By.ID, "case-data")))
        no_alert(driver, "the case page")
        check(len(driver.find_element(By.ID, "field-Customer_Name").get_attribute("value")) >= 200,
              "the case page shows the 200-character name")
        shown(driver, shots, "pages-supervisor-case")
        # The case's SLA, from the case's creation, on the case page.
        driver.find_element(By.ID, "sla-days").send_keys("5")
        done = confirmed(driver, wait, driver.find_element(By.CSS_SELECTOR, "#form-sla button"))
        check(done.text == "The case's SLA is set.", "the case's SLA is set")
        check(driver.current_url.split("?")[0].endswith("/supervisor/cases/" + long_case),
              "the change leads back to the case page")
        no_alert(driver, "the case page after the change")
        shown(driver, shots, "pages-supervisor-case-sla")

        driver.find_element(By.LINK_TEXT, "Reports").click()
        form = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "form.report-form")))
        Select(driver.find_element(By.ID, "field-report")).select_by_value("cases")
        for name, value in (("from", "2026-01-01"), ("to", "2027-01-01"), ("zone", "Europe/Brussels")):
            driver.find_element(By.ID, "field-" + name).clear()
            driver.find_element(By.ID, "field-" + name).send_keys(value)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        report = wait.until(ready.presence_of_element_located((By.ID, "report")))
        no_alert(driver, "the report")
        check("report=cases" in driver.current_url and "from=2026-01-01" in driver.current_url,
              "the report's address holds its arguments")
        check(report.find_elements(By.CSS_SELECTOR, "svg[role=img]"), "the report draws its chart")
        shown(driver, shots, "pages-supervisor-report")

        driver.find_element(By.ID, "csv-link").click()

        def downloaded(_):
            names = [n for n in os.listdir(downloads) if n.endswith(".csv")]
            return names[0] if names else False

        name = wait.until(downloaded)
        check(name == "cases-2026-01-01.csv", "the CSV is downloaded as " + name)
        print("csv " + os.path.join(downloads, name), flush=True)

        # The advisor sees the supervisor's new OLA on the desk.
        driver.find_element(By.CSS_SELECTOR, "nav form[action='/signout'] button").click()
        wait.until(ready.presence_of_element_located((By.ID, "token"))).send_keys(advisor)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(ready.presence_of_element_located((By.LINK_TEXT, f"Resolve the request · {long_case}")))
        check("due " in driver.page_source and words in driver.page_source,
              f"the desk shows the new due time ({words})")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
