#!/usr/bin/env python3
"""Drives dcmc serve's advisors' desk in headless Chromium through Selenium (Debian's
chromium, chromium-driver and python3-selenium; run with /usr/bin/python3).

  desk_browser.py BASE_URL ADVISOR_TOKEN CREATOR_TOKEN STATUS_PATH [--screenshots DIR]

The advisor (fiona, a finance member of capacity 2) opens /desk and is sent to sign in,
signs in with her API token, goes ready and accepts the offer of the finance case already
waiting, and sees it in her tasks. With the desk open, another request (the creator's
token, through the API) creates a second case: its offer card must arrive live and count
down, and is accepted. She opens the case, completes the task with an outcome, and the
customer's status page (STATUS_PATH, the link of the customer the cases are identified as)
shows the case resolved; she signs out. With --screenshots, saves pages-desk-*.png at 1280
and 390 pixels wide. Every wait is bounded (WebDriverWait); prints one line per check, exits
1 on the first failure.
"""
import json
import os
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages_browser import WAIT, check, no_alert, screenshot, start  # noqa: E402

FINANCE = {
    "type": "finance",
    "fields": {
        "Customer_Name": "Els Janssens", "Customer_Email": "els.janssens@example.com",
        "Customer_Phone": "+32470998877", "Request_Type": "refund", "Invoice_Number": "INV-204311",
        "Explanation": "I cancelled the subscription in January but was still charged in February.",
    },
}


def create_case(base, token):
    request = urllib.request.Request(
        base + "/api/v1/cases", data=json.dumps(FINANCE).encode(), method="POST",
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=WAIT) as response:
        return json.load(response)["id"]


def main():
    base, advisor, creator, status_path = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
    shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    driver, wait = start()
    try:
        first = create_case(base, creator)
        driver.get(base + "/desk")
        wait.until(ready.presence_of_element_located((By.ID, "token")))
        check(driver.current_url.startswith(base + "/signin"), "the desk sends a stranger to sign in")
        screenshot(driver, shots, "pages-desk-signin", 1280)
        driver.find_element(By.ID, "token").send_keys(advisor)
        driver.find_element(By.CSS_SELECTOR, "main button[type=submit]").click()
        wait.until(ready.presence_of_element_located((By.ID, "offers")))
        check("Signed in as fiona" in driver.find_element(By.TAG_NAME, "nav").text, "signed in as the token's user")
        cookies = {c["name"]: c for c in driver.get_cookies()}
        session = cookies.get("dcmc_session", {})
        check(session.get("httpOnly") and session.get("sameSite") == "Strict", "the session cookie is HttpOnly, Strict")

        Select(driver.find_element(By.ID, "presence-state")).select_by_value("ready")
        driver.find_element(By.CSS_SELECTOR, "form[action='/desk/presence'] button").click()
        wait.until(ready.text_to_be_present_in_element((By.ID, "presence"), "ready"))
        offer = wait.until(ready.presence_of_element_located((By.ID, f"offer-{first}.1")))
        check(True, "going ready shows the waiting offer of " + first)
        offer.find_element(By.CSS_SELECTOR, "form[action$='/accept'] button").click()
        wait.until(ready.presence_of_element_located((By.ID, f"task-{first}.1")))
        driver.find_element(By.LINK_TEXT, "Desk").click()
        tasks = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "ul.tasks")))
        check(first in tasks.text and "due" in tasks.text, "my tasks show the accepted task with its due time")

        second = create_case(base, creator)
        card = wait.until(ready.presence_of_element_located((By.ID, f"offer-{second}.1")))
        check(True, "the offer of " + second + " arrives live")
        countdown = card.find_element(By.CSS_SELECTOR, "time.countdown")
        shown = countdown.text
        wait.until(lambda _: countdown.text not in ("", shown))
        check(countdown.text.endswith(" s"), f"its time counts down ({shown} then {countdown.text})")
        no_alert(driver, "the desk")
        screenshot(driver, shots, "pages-desk", 1280)
        screenshot(driver, shots, "pages-desk", 390)
        card = driver.find_element(By.ID, f"offer-{second}.1")
        card.find_element(By.CSS_SELECTOR, "form[action$='/accept'] button").click()
        task = wait.until(ready.presence_of_element_located((By.ID, f"task-{second}.1")))
        check("held by fiona" in task.text, "accepting opens the case with the task held")
        screenshot(driver, shots, "pages-desk-case", 1280)
        screenshot(driver, shots, "pages-desk-case", 390)

        Select(task.find_element(By.NAME, "outcome")).select_by_value("refunded")
        task.find_element(By.CSS_SELECTOR, "form.complete button[type=submit]").click()
        wait.until(ready.presence_of_element_located((By.ID, "offers")))
        driver.get(base + f"/desk/cases/{second}")
        status = wait.until(ready.presence_of_element_located((By.ID, "case-status")))
        check(status.text == "closed", "completing with 'refunded' closes the case")
        check("Task 'Assess the request' completed: refunded" in driver.page_source, "the history says so in words")

        # The customer, who has no session, reads the same case resolved on their status page.
        status_page = driver.current_window_handle
        driver.switch_to.new_window("tab")
        driver.get(base + status_path)
        card = wait.until(ready.presence_of_element_located(
            (By.CSS_SELECTOR, f"section[aria-labelledby='case-{second}']")))
        # Finance words its 'refunded' resolution for the customer (customer_status:).
        check("Your refund is granted" in card.find_element(By.CLASS_NAME, "status").text,
              "the customer's status page shows the case resolved")
        driver.close()
        driver.switch_to.window(status_page)

        driver.find_element(By.CSS_SELECTOR, "nav form[action='/signout'] button").click()
        wait.until(ready.presence_of_element_located((By.ID, "token")))
        driver.get(base + "/desk")
        wait.until(ready.presence_of_element_located((By.ID, "token")))
        check(driver.current_url.startswith(base + "/signin"), "signed out, the desk asks to sign in again")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
