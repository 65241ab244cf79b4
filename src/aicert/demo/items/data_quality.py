"""2.1 Data collection and quality: quality dimensions, sampling bias, labelling agreement."""

from __future__ import annotations

import random

from aicert.demo.items._build import (
    Category,
    ItemSpec,
    Mistake,
    Scenario,
    classify,
    computed,
    constructed,
    matching,
    multi,
    no,
    numeric,
    ok,
    ordering,
    short_text,
    single,
    true_false,
)

D = "2.1"
A, P = "associate", "professional"

DIMENSIONS = {
    "completeness": Category(
        "完整性",
        "Completeness",
        "應有的資料或欄位沒有缺漏",
        "the records and fields that should be there are not missing",
    ),
    "accuracy": Category(
        "正確性", "Accuracy", "資料值與真實世界的事實相符", "values match the real-world facts"
    ),
    "consistency": Category(
        "一致性",
        "Consistency",
        "同一事物在不同系統或欄位中的表示彼此不矛盾",
        "the same thing is represented without contradiction across systems or fields",
    ),
    "timeliness": Category(
        "即時性",
        "Timeliness",
        "資料在需要使用時是夠新的",
        "data is current enough when it is needed",
    ),
    "uniqueness": Category(
        "唯一性",
        "Uniqueness",
        "同一個實體只被記錄一次，沒有重複",
        "each entity is recorded once, without duplicates",
    ),
    "validity": Category(
        "有效性",
        "Validity",
        "資料值符合規定的格式、型別與允許範圍",
        "values follow the required format, type and allowed range",
    ),
}
DIM_Q = ("這最主要是哪一個資料品質面向的問題？", "Which data-quality dimension is mainly at issue?")
DIM_SCENARIOS = [
    Scenario(
        "no-phone",
        A,
        "easy",
        "會員資料中有 35% 的人沒有填寫手機號碼。",
        "35% of member records have no mobile number.",
        "completeness",
        "應有的欄位值缺漏，是完整性問題。",
        "Values that should be present are missing: completeness.",
    ),
    Scenario(
        "same-customer",
        A,
        "easy",
        "同一位客戶因為用不同的電子郵件註冊，在顧客資料庫中出現了三筆紀錄。",
        "The same customer appears three times in the customer database after signing up with different email addresses.",
        "uniqueness",
        "同一實體被重複記錄，是唯一性問題。",
        "One entity recorded several times is a uniqueness problem.",
    ),
    Scenario(
        "age-200",
        A,
        "easy",
        "「年齡」欄位中出現了 -3 與 200 這樣的數值。",
        "The 'age' field contains values such as -3 and 200.",
        "validity",
        "數值超出允許的範圍，是有效性問題。",
        "Values outside the allowed range are a validity problem.",
    ),
    Scenario(
        "stale-stock",
        A,
        "easy",
        "網站顯示的庫存每天凌晨才更新一次，白天常出現已售完卻仍可下單的情況。",
        "The website's stock levels update only once a night, so items that sold out during the day can still be ordered.",
        "timeliness",
        "資料在使用時已過時，是即時性問題。",
        "The data is out of date when used: timeliness.",
    ),
    Scenario(
        "two-systems",
        A,
        "medium",
        "同一位員工在人資系統的到職日是 2021/03/01，在薪資系統卻是 2021/04/01。",
        "One employee's start date is 2021-03-01 in the HR system and 2021-04-01 in payroll.",
        "consistency",
        "同一事實在兩個系統中互相矛盾，是一致性問題。",
        "The same fact contradicts itself across two systems: consistency.",
    ),
    Scenario(
        "wrong-address",
        A,
        "medium",
        "配送地址格式完全正確，但有不少地址其實是客戶幾年前的舊住址。",
        "Delivery addresses are perfectly formatted, but many are actually customers' addresses from years ago.",
        "accuracy",
        "格式有效但內容與現實不符，是正確性問題（不是有效性）。",
        "Valid in form but not true to reality: accuracy, not validity.",
        ("validity", "timeliness", "consistency"),
    ),
    Scenario(
        "date-formats",
        P,
        "medium",
        "訂單日期欄位混雜了「2024/05/03」、「05-03-2024」與「113年5月3日」三種格式。",
        "The order-date field mixes '2024/05/03', '05-03-2024' and the ROC-calendar '113年5月3日'.",
        "validity",
        "值不符合規定的統一格式，屬有效性問題；需要標準化。",
        "Values do not follow the required format: validity, needing standardisation.",
        ("consistency", "accuracy", "uniqueness"),
    ),
    Scenario(
        "sensor-drift",
        P,
        "medium",
        "溫度感測器沒有校正，讀數持續比實際溫度高約 2°C，但每筆都在合理範圍內。",
        "An uncalibrated temperature sensor reads about 2°C above the true temperature, though every reading is within the plausible range.",
        "accuracy",
        "數值落在允許範圍（有效），但系統性偏離真實值，是正確性問題。",
        "Values are in range (valid) but systematically off from the truth: accuracy.",
        ("validity", "consistency", "timeliness"),
    ),
    Scenario(
        "units-mixed",
        P,
        "hard",
        "兩個分公司上傳的銷售資料，一個以「千元」為單位、一個以「元」為單位，欄位名稱卻都是「銷售額」。",
        "Two branches upload sales data, one in thousands of NT dollars and the other in NT dollars, both under the column name 'sales'.",
        "consistency",
        "同一欄位在不同來源使用不同單位，彼此不一致；合併前須統一。",
        "The same field uses different units in different sources: a consistency problem to fix before merging.",
        ("accuracy", "validity", "uniqueness"),
    ),
    Scenario(
        "late-labels",
        P,
        "medium",
        "詐欺標籤要在交易後 90 天的調查結束才會確定，但模型每週以最新資料重新訓練。",
        "Fraud labels are only confirmed 90 days after a transaction when investigations close, yet the model retrains weekly on the latest data.",
        "timeliness",
        "最近的交易標籤尚未確定就被使用，是即時性（標籤延遲）問題；需以標籤成熟期設計訓練窗口。",
        "Recent labels are used before they are final: a timeliness (label-delay) issue; design the training window around label maturity.",
        ("completeness", "accuracy", "consistency"),
    ),
    Scenario(
        "optional-field",
        P,
        "medium",
        "表單中的「產業別」在 2022 年以前是選填，以前的紀錄多半空白，模型要用它做特徵。",
        "The 'industry' field on a form was optional before 2022, so older records are mostly blank, and a model wants to use it as a feature.",
        "completeness",
        "大量缺值且缺值與時間有關，是完整性問題，也可能引入偏差。",
        "Many values are missing, and missingness depends on time: completeness, with a risk of bias.",
        ("validity", "timeliness", "uniqueness"),
    ),
    Scenario(
        "merge-dupes",
        P,
        "hard",
        "合併兩家子公司的客戶名單後，「陳小明、0912-345-678」與「陳曉明、0912345678」被當成兩位不同客戶。",
        "After merging two subsidiaries' customer lists, 'Chen Xiao-ming, 0912-345-678' and 'Chen Hsiao-ming, 0912345678' count as two different customers.",
        "uniqueness",
        "實為同一人卻因拼寫與格式差異重複出現，屬唯一性問題；需實體比對（entity resolution）。",
        "The same person appears twice because of spelling and format differences: uniqueness, needing entity resolution.",
        ("consistency", "validity", "accuracy"),
    ),
    Scenario(
        "code-list",
        P,
        "medium",
        "「縣市代碼」欄位出現了代碼表中不存在的值「99」。",
        "The 'county code' field contains '99', a value not in the code list.",
        "validity",
        "值不在允許的代碼清單中，是有效性問題。",
        "A value outside the allowed code list is a validity problem.",
        ("accuracy", "completeness", "consistency"),
    ),
    Scenario(
        "old-snapshot",
        P,
        "hard",
        "信用模型使用的收入資料是客戶五年前開戶時填寫的，之後從未更新。",
        "A credit model uses income that customers stated when they opened accounts five years ago, never updated since.",
        "timeliness",
        "資料當時可能正確，但對現在的決策已過時，主要是即時性問題。",
        "It may have been true then, but it is stale for today's decision: mainly timeliness.",
        ("accuracy", "completeness", "validity"),
    ),
]

BIASES = {
    "selection": Category(
        "選擇偏差",
        "Selection bias",
        "樣本的取得方式使某些群體被系統性地多收或少收",
        "the way the sample was obtained systematically over- or under-includes some groups",
    ),
    "survivorship": Category(
        "倖存者偏差",
        "Survivorship bias",
        "只看到「留下來」或「成功」的個體，消失的個體被排除",
        "only those that 'survived' or succeeded are seen, and the ones that dropped out are excluded",
    ),
    "non-response": Category(
        "無回應偏差",
        "Non-response bias",
        "願意回應的人與不回應的人在特性上不同",
        "people who respond differ systematically from those who do not",
    ),
    "measurement": Category(
        "測量偏差",
        "Measurement bias",
        "量測工具或方式對某些情況或群體系統性地不準",
        "the measuring instrument or method is systematically off for some situations or groups",
    ),
    "historical": Category(
        "歷史偏差",
        "Historical bias",
        "資料忠實記錄了過去，但過去本身就帶有不公平或已改變的做法",
        "the data faithfully records the past, but the past itself reflects unfair or outdated practices",
    ),
}
BIAS_Q = ("這份資料最主要受到哪一種偏差影響？", "Which bias mainly affects this data?")
BIAS_SCENARIOS = [
    Scenario(
        "online-survey",
        A,
        "easy",
        "為了解全國長者的數位需求，只在網路上發放問卷。",
        "To learn about older people's digital needs nationwide, a survey is run only online.",
        "selection",
        "只能接觸到會上網的長者，樣本系統性地排除不上網的人，是選擇偏差。",
        "Only online older people can respond, systematically leaving out those who are not online: selection bias.",
    ),
    Scenario(
        "surviving-startups",
        A,
        "easy",
        "研究只分析目前仍在營運的新創公司，歸納出「成功的共同特質」。",
        "A study analyses only start-ups still in business to derive 'the traits of success'.",
        "survivorship",
        "倒閉的公司被排除，可能它們也有同樣特質，是倖存者偏差。",
        "Failed start-ups are excluded—they may have shared those traits: survivorship bias.",
    ),
    Scenario(
        "satisfaction-return",
        A,
        "medium",
        "滿意度問卷只有 12% 的顧客回覆，而回覆者多是特別滿意或特別不滿的人。",
        "Only 12% of customers answer a satisfaction survey, mostly the very happy or very unhappy.",
        "non-response",
        "回應者與未回應者特性不同，是無回應偏差。",
        "Responders differ from non-responders: non-response bias.",
    ),
    Scenario(
        "pulse-oximeter",
        P,
        "hard",
        "某血氧計在膚色較深的受測者身上系統性地高估血氧值，這些量測值被用來訓練分診模型。",
        "A pulse oximeter systematically overestimates oxygen levels in darker-skinned patients, and its readings train a triage model.",
        "measurement",
        "量測工具本身對特定群體不準，是測量偏差。",
        "The instrument itself is inaccurate for a group: measurement bias.",
        ("historical", "selection", "non-response"),
    ),
    Scenario(
        "past-promotions",
        P,
        "medium",
        "以過去二十年的升遷紀錄訓練人才模型，而那段期間女性主管的比例明顯偏低。",
        "A talent model is trained on twenty years of promotion records from a period when few women became managers.",
        "historical",
        "資料如實反映了過去不公平的決策，是歷史偏差。",
        "The data faithfully reflects past unfair decisions: historical bias.",
        ("selection", "measurement", "survivorship"),
    ),
    Scenario(
        "approved-loans-only",
        P,
        "hard",
        "違約預測模型只能用「過去被核准的貸款」訓練，因為被拒絕的申請人沒有還款紀錄。",
        "A default model can only be trained on loans that were approved, since rejected applicants have no repayment record.",
        "selection",
        "樣本只包含被核准者（拒絕推論問題），模型對曾被拒絕的族群缺乏資訊，是選擇偏差。",
        "The sample holds only approved applicants (the reject-inference problem), leaving the model blind to those once rejected: selection bias.",
        ("survivorship", "historical", "non-response"),
    ),
    Scenario(
        "returned-planes",
        P,
        "hard",
        "工程師只檢查從任務中平安返航的機具上的損傷位置，決定在損傷最多處加強。",
        "Engineers inspect damage only on machines that returned safely from missions and reinforce where damage is most common.",
        "survivorship",
        "未返航的機具（可能被擊中要害）沒有被觀察到，是倖存者偏差。",
        "Machines that never returned—perhaps hit where it mattered—were never observed: survivorship bias.",
        ("selection", "measurement", "non-response"),
    ),
    Scenario(
        "app-reviews",
        P,
        "medium",
        "以 App 商店評論訓練產品滿意度模型，但只有主動留下評論的使用者被納入。",
        "A satisfaction model is trained on app-store reviews, covering only users who chose to write one.",
        "non-response",
        "選擇留言者與沉默的多數可能不同，是自我選擇造成的無回應偏差。",
        "Those who choose to review may differ from the silent majority: non-response bias from self-selection.",
        ("survivorship", "measurement", "historical"),
    ),
    Scenario(
        "night-camera",
        P,
        "medium",
        "車流量計數攝影機在夜間與雨天的偵測率明顯偏低，造成這些時段的流量被低估。",
        "A traffic-counting camera detects far fewer vehicles at night and in rain, undercounting those periods.",
        "measurement",
        "量測方式在特定條件下系統性地不準，是測量偏差。",
        "The measurement is systematically off under certain conditions: measurement bias.",
        ("selection", "non-response", "historical"),
    ),
    Scenario(
        "policing-data",
        P,
        "hard",
        "以過去的報案與逮捕紀錄預測犯罪熱點，而過去警力長期集中在某些社區巡邏。",
        "Crime hot spots are predicted from past reports and arrests, while police patrols were long concentrated in certain neighbourhoods.",
        "historical",
        "紀錄反映過去的巡邏分布而非真實犯罪分布，模型會延續甚至放大此偏差（回饋迴圈）。",
        "The records reflect where police patrolled, not where crime happened, and the model perpetuates and amplifies it (a feedback loop).",
        ("measurement", "survivorship", "non-response"),
    ),
]


def _kappa_family() -> list[ItemSpec]:
    """Cohen's kappa for two annotators on a yes/no labelling task."""
    rng = random.Random("aicert-demo:2.1-kappa")
    specs = []
    for index in range(3):
        while True:
            both_yes = rng.randint(20, 60)
            both_no = rng.randint(20, 60)
            a_only = rng.randint(3, 15)
            b_only = rng.randint(3, 15)
            n = both_yes + both_no + a_only + b_only
            po = (both_yes + both_no) / n
            a_yes = (both_yes + a_only) / n
            b_yes = (both_yes + b_only) / n
            pe = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
            kappa = (po - pe) / (1 - pe)
            values = sorted((kappa, po, pe, po - pe))
            gaps = [b - a for a, b in zip(values, values[1:], strict=False)]
            if min(gaps) >= 0.03 and round(kappa * 1000) % 10 != 5:
                break
        specs.append(
            computed(
                f"2.1-kappa-{index + 1}",
                P,
                D,
                "apply",
                "hard",
                (
                    f"兩位標註員各自判斷 {n} 則留言是否為「客訴」：兩人都標「是」{both_yes} 則、都標「否」{both_no} 則、只有甲標「是」{a_only} 則、只有乙標「是」{b_only} 則。兩人的 Cohen's kappa 約為多少？（取小數點後兩位）",
                    f"Two annotators each judge whether {n} comments are complaints: both say yes to {both_yes}, both say no to {both_no}, only A says yes to {a_only}, and only B says yes to {b_only}. What is Cohen's kappa, approximately? (two decimal places)",
                ),
                kappa,
                (
                    f"觀察一致率 po = ({both_yes}+{both_no})/{n} = {po:.3f}；隨機一致率 pe = {a_yes:.3f}×{b_yes:.3f} + {1 - a_yes:.3f}×{1 - b_yes:.3f} = {pe:.3f}；κ = (po − pe)/(1 − pe) ≈ {kappa:.2f}。",
                    f"Observed agreement po = ({both_yes}+{both_no})/{n} = {po:.3f}; chance agreement pe = {a_yes:.3f}×{b_yes:.3f} + {1 - a_yes:.3f}×{1 - b_yes:.3f} = {pe:.3f}; κ = (po − pe)/(1 − pe) ≈ {kappa:.2f}.",
                ),
                [
                    Mistake(
                        po,
                        "這是原始一致率，沒有扣除隨機也會一致的部分。",
                        "That is raw agreement, not corrected for agreement expected by chance.",
                    ),
                    Mistake(
                        pe,
                        "這是隨機一致率，只是公式的中間值。",
                        "That is chance agreement, an intermediate value.",
                    ),
                    Mistake(
                        po - pe,
                        "少了除以 (1 − pe) 的正規化。",
                        "The division by (1 − pe) was left out.",
                    ),
                ],
            )
        )
    return specs


def _completeness_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:2.1-complete")
    specs = []
    fields = [("電子郵件", "email"), ("出生年份", "birth year")]
    for index, (zh, en) in enumerate(fields):
        while True:
            total = rng.choice([8000, 12000, 20000])
            blank = rng.choice([600, 900, 1500, 1800])
            invalid = rng.choice([200, 350, 480])
            rate = (total - blank) / total
            if round(rate * 10000) % 10 != 5:
                break
        specs.append(
            computed(
                f"2.1-complete-{index + 1}",
                A,
                D,
                "apply",
                "easy",
                (
                    f"會員資料共 {total:,} 筆，其中「{zh}」欄位空白 {blank:,} 筆，另有 {invalid} 筆雖有填寫但格式錯誤。此欄位的完整性（有填值的比例）是多少？",
                    f"There are {total:,} member records; the '{en}' field is blank in {blank:,} and filled but badly formatted in another {invalid}. What is the field's completeness (share of records with a value)?",
                ),
                rate,
                (
                    f"完整性只看是否有值：({total:,} − {blank:,}) ÷ {total:,} = {rate:.1%}；格式錯誤屬有效性問題，另外計算。",
                    f"Completeness only asks whether a value is present: ({total:,} − {blank:,}) ÷ {total:,} = {rate:.1%}; bad formats are a validity issue, counted separately.",
                ),
                [
                    Mistake(
                        (total - blank - invalid) / total,
                        "把格式錯誤也算成缺值；那是有效性問題，不影響完整性。",
                        "Badly formatted values were counted as missing; that is validity, not completeness.",
                    ),
                    Mistake(
                        blank / total,
                        "這是缺值率，不是完整性。",
                        "That is the missing rate, not completeness.",
                    ),
                    Mistake(
                        (blank + invalid) / total,
                        "這是「空白或格式錯誤」的比例。",
                        "That is the share blank or badly formatted.",
                    ),
                ],
                places=1,
                percent=True,
            )
        )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        single(
            "2.1-scraping",
            A,
            D,
            "apply",
            "medium",
            (
                "團隊想從其他網站爬取商品評論作為訓練資料。開始之前最應該確認的是？",
                "A team wants to scrape product reviews from other websites as training data. What should be checked before starting?",
            ),
            [
                ok(
                    "網站的使用條款與 robots 設定、著作權與個資規範，以及是否有官方 API 或授權管道",
                    "資料取得必須合法合規；有官方 API 或授權時應優先使用。",
                    "The site's terms of use and robots settings, copyright and personal-data rules, and whether an official API or licence exists",
                    "Data must be obtained lawfully; an official API or licence should be preferred when available.",
                ),
                no(
                    "爬蟲程式的執行速度能否越快越好",
                    "過快的爬取可能違反條款並造成對方負擔，速度不是首要考量。",
                    "Whether the crawler can run as fast as possible",
                    "Fast crawling may breach terms and burden the site; speed is not the first concern.",
                ),
                no(
                    "評論的字體大小",
                    "與資料取得的合法性和品質無關。",
                    "The reviews' font size",
                    "Irrelevant to lawfulness or quality.",
                ),
                no(
                    "只要資料公開就能任意使用，不需確認",
                    "公開不等於可任意利用。",
                    "Nothing: public data can be used freely",
                    "Public does not mean free to use.",
                ),
            ],
        ),
        single(
            "2.1-label-guide",
            A,
            D,
            "apply",
            "medium",
            (
                "三位標註員對同一批客服對話的「情緒」標註差異很大。最有效的改善是？",
                "Three annotators label the sentiment of the same support chats very differently. What is the most effective fix?",
            ),
            [
                ok(
                    "撰寫含定義與邊界案例範例的標註指引，先試標並討論分歧，再正式標註並定期檢查一致性",
                    "清楚的指引與校準能提升標註一致性，是標註品質的基礎。",
                    "Write labelling guidelines with definitions and borderline examples, run a trial round and discuss disagreements, then label and check agreement regularly",
                    "Clear guidelines and calibration raise agreement and underpin label quality.",
                ),
                no(
                    "只採用標得最快的標註員的結果",
                    "速度不代表正確。",
                    "Keep only the fastest annotator's labels",
                    "Speed is not correctness.",
                ),
                no(
                    "讓模型自己決定正確答案",
                    "沒有可靠標籤時，模型無從學到正確答案。",
                    "Let the model decide the right answers",
                    "Without reliable labels the model has nothing correct to learn.",
                ),
                no(
                    "增加標註員人數但不提供指引",
                    "沒有共同標準，更多人只會帶來更多分歧。",
                    "Add more annotators without guidelines",
                    "Without a shared standard, more people add more disagreement.",
                ),
            ],
        ),
        single(
            "2.1-outlier-not-error",
            A,
            D,
            "understand",
            "medium",
            (
                "信用卡交易資料中有一筆金額是平均值的 50 倍。處理這筆資料最恰當的想法是？",
                "A card transaction is 50 times the average amount. What is the right way to think about it?",
            ),
            [
                ok(
                    "先查證它是輸入錯誤還是真實的大額交易；若是真實資料，它可能正是詐欺偵測需要的重要樣本",
                    "離群值不一定是錯誤；刪除前應了解其成因與對任務的意義。",
                    "Check whether it is an entry error or a genuine large purchase; if genuine, it may be exactly the kind of case fraud detection needs",
                    "Outliers are not necessarily errors; understand their cause and meaning before removing them.",
                ),
                no(
                    "離群值一律刪除",
                    "可能刪掉最有價值的資訊。",
                    "Always delete outliers",
                    "That may delete the most valuable information.",
                ),
                no(
                    "把它改成平均值",
                    "竄改真實資料會扭曲分析。",
                    "Replace it with the average",
                    "Altering real data distorts analysis.",
                ),
                no(
                    "複製這筆資料 50 次以平衡資料",
                    "複製不合理且會扭曲分布。",
                    "Copy it 50 times to balance the data",
                    "Unjustified and distorting.",
                ),
            ],
        ),
        single(
            "2.1-representative",
            A,
            D,
            "understand",
            "easy",
            (
                "要訓練一個全台通用的台語語音辨識模型，但錄音全來自台北的大學生。最主要的疑慮是？",
                "A Taiwanese speech-recognition model is meant for the whole country, but all recordings come from university students in Taipei. What is the main concern?",
            ),
            [
                ok(
                    "資料不具代表性：不同年齡與地區的口音、用詞可能辨識不佳",
                    "訓練資料應涵蓋實際使用者的多樣性。",
                    "The data is not representative: accents and vocabulary of other ages and regions may be poorly recognised",
                    "Training data should reflect the diversity of the real users.",
                ),
                no(
                    "資料量一定太大",
                    "問題在於組成，不是數量。",
                    "The data is certainly too large",
                    "The issue is composition, not size.",
                ),
                no(
                    "大學生的錄音品質一定不好",
                    "與錄音品質無關。",
                    "Students' recordings are necessarily poor quality",
                    "It is not about recording quality.",
                ),
                no(
                    "台北的資料不能用於機器學習",
                    "資料可以使用，只是需要補足其他族群。",
                    "Taipei data cannot be used for machine learning",
                    "It can, but other groups must be added.",
                ),
            ],
        ),
        single(
            "2.1-lineage",
            P,
            D,
            "understand",
            "medium",
            (
                "稽核人員問：「這個模型的訓練資料從哪些系統來、經過哪些轉換？」最能回答這個問題的是？",
                "An auditor asks: 'Which systems did this model's training data come from, and what transformations did it go through?' What answers this best?",
            ),
            [
                ok(
                    "資料血緣（data lineage）紀錄",
                    "資料血緣追蹤資料從來源到使用的每一步。",
                    "Data lineage records",
                    "Lineage traces every step from source to use.",
                ),
                no(
                    "模型的超參數設定",
                    "超參數與資料來源無關。",
                    "The model's hyperparameters",
                    "Hyperparameters say nothing about data sources.",
                ),
                no(
                    "伺服器的 CPU 使用率",
                    "與資料來源無關。",
                    "Server CPU usage",
                    "Unrelated to data sources.",
                ),
                no(
                    "使用者滿意度調查",
                    "與資料處理流程無關。",
                    "A user satisfaction survey",
                    "Unrelated to data processing.",
                ),
            ],
        ),
        single(
            "2.1-validation-rules",
            P,
            D,
            "apply",
            "medium",
            (
                "每日匯入的交易資料偶爾出現負數金額與未來日期，造成下游模型出錯。最好的預防方式是？",
                "Daily transaction imports occasionally contain negative amounts and future dates that break downstream models. What is the best prevention?",
            ),
            [
                ok(
                    "在資料管線入口加入自動驗證規則（範圍、格式、參照完整性），不合格的資料隔離並通知負責人",
                    "在入口自動驗證並隔離問題資料，可避免錯誤擴散到下游。",
                    "Add automatic validation rules (ranges, formats, referential integrity) at the pipeline entry, quarantining failures and alerting the owner",
                    "Validating and quarantining at the entry stops bad data spreading downstream.",
                ),
                no(
                    "等模型出錯後再人工修正",
                    "事後修正代價高且可能已造成影響。",
                    "Fix things by hand after the model fails",
                    "After-the-fact fixes are costly and the damage is done.",
                ),
                no(
                    "把所有負數改成 0",
                    "盲目修改會掩蓋真正的問題，例如退款交易。",
                    "Turn every negative into 0",
                    "Blind changes hide real issues such as refunds.",
                ),
                no(
                    "減少匯入頻率",
                    "頻率不是問題的根源。",
                    "Import less often",
                    "Frequency is not the root cause.",
                ),
            ],
        ),
        single(
            "2.1-sample-size",
            P,
            D,
            "analyse",
            "hard",
            (
                "要估計某產品的不良率（約 2%），希望 95% 信賴區間的誤差範圍不超過 ±1 個百分點。以常態近似估算，至少需要抽檢約多少件？",
                "You want to estimate a product's defect rate (about 2%) with a 95% confidence margin of error no larger than ±1 percentage point. Using the normal approximation, about how many items must be inspected?",
            ),
            [
                no(
                    "約 50 件",
                    "樣本太小，誤差範圍遠大於 ±1 個百分點。",
                    "About 50",
                    "Far too small; the margin would be much wider than ±1 point.",
                ),
                no(
                    "約 384 件",
                    "公式中的 z 沒有平方：1.96 × 0.02 × 0.98 ÷ 0.01² ≈ 384。",
                    "About 384",
                    "z was not squared: 1.96 × 0.02 × 0.98 ÷ 0.01² ≈ 384.",
                ),
                ok(
                    "約 753 件",
                    "n = z²·p(1−p)/E² = 1.96² × 0.02 × 0.98 ÷ 0.01² ≈ 753。",
                    "About 753",
                    "n = z²·p(1−p)/E² = 1.96² × 0.02 × 0.98 ÷ 0.01² ≈ 753.",
                ),
                no(
                    "約 9,604 件",
                    "這是以 p = 0.5（最保守）計算的結果，未利用已知的 2% 不良率。",
                    "About 9,604",
                    "That uses p = 0.5 (the most conservative case), ignoring the known 2% rate.",
                ),
            ],
            order="fixed",
        ),
        single(
            "2.1-label-noise",
            P,
            D,
            "analyse",
            "medium",
            (
                "模型在驗證集上的錯誤中，有一大部分經人工複查後發現其實是「標籤標錯」。下一步最值得做的是？",
                "Many of a model's validation errors turn out, on manual review, to be mislabelled examples. What is the most worthwhile next step?",
            ),
            [
                ok(
                    "系統性地找出並修正可疑標籤（例如複查模型高信心卻與標籤不符的樣本），並檢討標註流程",
                    "標籤雜訊會限制模型上限並扭曲評估；修正資料往往比調整模型更有效。",
                    "Systematically find and fix suspect labels (e.g. review cases where the model is confident but disagrees with the label) and review the labelling process",
                    "Label noise caps performance and distorts evaluation; fixing data often beats tuning the model.",
                ),
                no(
                    "改用更大的模型以學會錯誤的標籤",
                    "學會錯誤標籤只會讓模型更錯。",
                    "Use a bigger model so it learns the wrong labels too",
                    "Learning wrong labels only makes the model more wrong.",
                ),
                no(
                    "把驗證集中所有錯誤的樣本刪除",
                    "只刪驗證集的難題會高估表現。",
                    "Delete every validation example the model gets wrong",
                    "Deleting hard cases inflates the score.",
                ),
                no(
                    "忽略，因為標籤錯誤不影響模型",
                    "標籤錯誤會直接影響訓練與評估。",
                    "Ignore it; label errors do not affect models",
                    "Label errors directly affect training and evaluation.",
                ),
            ],
        ),
        single(
            "2.1-data-contract",
            P,
            D,
            "apply",
            "hard",
            (
                "上游系統更改了欄位名稱與單位卻沒有通知，導致下游的 AI 模型悄悄失準。長期而言最好的治理作法是？",
                "An upstream system renamed a field and changed its units without notice, silently degrading a downstream AI model. What is the best long-term governance practice?",
            ),
            [
                ok(
                    "與資料提供者建立資料契約（欄位、型別、單位、更新頻率與變更通知），並以自動化檢查持續驗證",
                    "資料契約明確雙方責任，自動化檢查能在違反時立即發現。",
                    "Agree a data contract with the provider (fields, types, units, update frequency, change notice) and verify it continuously with automated checks",
                    "A data contract sets both sides' duties, and automated checks catch violations at once.",
                ),
                no(
                    "要求上游永遠不能修改系統",
                    "不切實際，也阻礙上游改善。",
                    "Forbid the upstream team ever to change its system",
                    "Unrealistic, and it blocks improvement.",
                ),
                no(
                    "每季人工檢查一次資料",
                    "頻率太低，問題可能已影響多時。",
                    "Check the data by hand once a quarter",
                    "Too infrequent; damage may run for months.",
                ),
                no(
                    "讓模型自己適應欄位變化",
                    "模型無法理解欄位語意的改變。",
                    "Let the model adapt to field changes",
                    "A model cannot understand a change in a field's meaning.",
                ),
            ],
        ),
        single(
            "2.1-synthetic",
            P,
            D,
            "evaluate",
            "hard",
            (
                "罕見故障只有 40 筆紀錄，團隊打算用生成模型產生 4,000 筆合成資料來訓練。最恰當的評估是？",
                "A rare failure has only 40 records, and the team plans to generate 4,000 synthetic records to train on. What is the most appropriate assessment?",
            ),
            [
                ok(
                    "合成資料可以補充，但可能只是重複既有 40 筆的模式；應以真實資料驗證模型，並檢查合成資料是否合理、是否洩漏原始樣本",
                    "合成資料無法憑空產生新資訊；評估必須以真實資料為準。",
                    "Synthetic data can supplement, but it may only echo the patterns in the 40 records; validate on real data and check the synthetic data is plausible and does not leak the originals",
                    "Synthetic data cannot create information from nothing; evaluation must rest on real data.",
                ),
                no(
                    "4,000 筆合成資料等同 4,000 筆真實故障資料",
                    "合成資料的資訊量受限於原始樣本。",
                    "4,000 synthetic records equal 4,000 real failures",
                    "Their information is bounded by the originals.",
                ),
                no(
                    "合成資料一律不能使用",
                    "在適當驗證下合成資料可以有幫助。",
                    "Synthetic data must never be used",
                    "With proper validation it can help.",
                ),
                no(
                    "可以用合成資料同時當作測試集",
                    "以合成資料評估會高估實際表現。",
                    "Use the synthetic data as the test set too",
                    "Evaluating on synthetic data overstates real performance.",
                ),
            ],
        ),
        single(
            "2.1-sensor-gaps",
            P,
            D,
            "apply",
            "medium",
            (
                "工廠感測器每秒上傳一次資料，但網路不穩時會整段遺失，之後也不會補傳。規劃資料蒐集時，最重要的改善是？",
                "Factory sensors upload once a second, but whole stretches are lost when the network drops and are never resent. What is the most important improvement when planning collection?",
            ),
            [
                ok(
                    "在設備端暫存並於恢復連線後補傳，同時記錄遺失區段，讓分析能區分「沒有資料」與「數值為 0」",
                    "邊緣暫存與遺失紀錄能提升完整性，並避免把缺值誤當成真實數值。",
                    "Buffer on the device and resend after reconnection, and log lost stretches so analysis can tell 'no data' from 'a value of 0'",
                    "Edge buffering and gap logs improve completeness and stop missing data being read as real values.",
                ),
                no(
                    "把遺失的時段全部補 0",
                    "0 是有意義的數值，會造成錯誤的結論。",
                    "Fill the lost periods with 0",
                    "0 is a meaningful value and would mislead.",
                ),
                no(
                    "降低取樣頻率為每小時一次",
                    "降低頻率會失去重要細節，也沒有解決遺失問題。",
                    "Sample once an hour instead",
                    "That loses detail and does not fix the loss.",
                ),
                no(
                    "只使用網路穩定時段的資料，並不記錄",
                    "未記錄的選擇可能造成偏差。",
                    "Use only periods with a stable network, without recording it",
                    "An unrecorded selection can introduce bias.",
                ),
            ],
        ),
        single(
            "2.1-active-learning",
            P,
            D,
            "apply",
            "hard",
            (
                "標註預算只夠再標 2,000 筆，但未標註資料有 20 萬筆。要讓模型進步最多，該如何挑選要標註的資料？",
                "The budget covers labelling only 2,000 more items out of 200,000 unlabelled ones. How should the items be chosen to improve the model most?",
            ),
            [
                ok(
                    "採用主動學習：優先標註模型最不確定、或最能代表尚未涵蓋情境的樣本，並分批迭代",
                    "把標註資源用在資訊量最高的樣本上，通常比隨機抽樣更有效率。",
                    "Use active learning: label first the items the model is least sure about, or that represent uncovered situations, in iterative batches",
                    "Spending labels on the most informative items is usually more efficient than random sampling.",
                ),
                no(
                    "只標註模型已經很有把握的樣本",
                    "這些樣本提供的新資訊最少。",
                    "Label only items the model is already confident about",
                    "They add the least new information.",
                ),
                no(
                    "標註資料庫中最前面的 2,000 筆",
                    "依儲存順序挑選可能帶有時間或來源偏差。",
                    "Label the first 2,000 rows in the database",
                    "Storage order may carry time or source bias.",
                ),
                no(
                    "把預算平均分給 20 萬筆，每筆只標一部分",
                    "部分標註無法作為完整的訓練標籤。",
                    "Spread the budget across all 200,000, labelling each partially",
                    "Partial labels are not usable training labels.",
                ),
            ],
        ),
        single(
            "2.1-versioning",
            P,
            D,
            "understand",
            "medium",
            (
                "半年後有人質疑模型結果，團隊卻無法重建當時訓練所用的資料集。為避免這種情況，最重要的作法是？",
                "Six months on, someone questions a model's results and the team cannot rebuild the dataset it was trained on. What matters most to prevent this?",
            ),
            [
                ok(
                    "對資料集進行版本控管（含快照或雜湊），並把資料版本與模型版本、程式碼版本一起記錄",
                    "資料、程式與模型版本相互對應，才能重現與稽核。",
                    "Version the datasets (snapshots or hashes) and record the data version together with the model and code versions",
                    "Linked versions of data, code and model make results reproducible and auditable.",
                ),
                no(
                    "只保留最新版本的資料以節省空間",
                    "舊版本消失就無法重現過去的模型。",
                    "Keep only the latest data to save space",
                    "Without old versions past models cannot be reproduced.",
                ),
                no(
                    "在簡報中寫下資料大約有幾筆",
                    "筆數無法重建資料內容。",
                    "Note roughly how many rows there were in a slide deck",
                    "A row count cannot rebuild the data.",
                ),
                no(
                    "只保存模型檔",
                    "模型檔無法說明當時的訓練資料。",
                    "Keep only the model file",
                    "The model file does not reveal its training data.",
                ),
            ],
        ),
        single(
            "2.1-targeted-collection",
            P,
            D,
            "evaluate",
            "medium",
            (
                "瑕疵檢測資料中，某種新出現的裂紋瑕疵只有 15 張照片，模型幾乎都認不出來。最根本的改善是？",
                "In defect-inspection data, a newly appearing crack defect has only 15 photos and the model almost never recognises it. What is the most fundamental improvement?",
            ),
            [
                ok(
                    "與產線合作有計畫地蒐集更多此類瑕疵的影像（涵蓋不同批次、光線與角度），並確實標註",
                    "根本問題是資料不足且不具代表性；有針對性的蒐集最直接有效。",
                    "Work with the line to collect more images of this defect deliberately (across batches, lighting and angles) and label them properly",
                    "The root problem is too little, unrepresentative data; targeted collection addresses it most directly.",
                ),
                no(
                    "把這 15 張照片各複製 100 次",
                    "複製不增加新資訊。",
                    "Copy each of the 15 photos 100 times",
                    "Copies add no new information.",
                ),
                no(
                    "把這種瑕疵從類別中移除",
                    "會讓真正的瑕疵被放行。",
                    "Remove this defect class",
                    "Real defects would then pass.",
                ),
                no(
                    "只調高模型的整體靈敏度",
                    "可能增加大量誤報，仍無法學到裂紋的特徵。",
                    "Just raise the model's overall sensitivity",
                    "It adds false alarms and still does not learn what cracks look like.",
                ),
            ],
        ),
        true_false(
            "2.1-tf-big-data",
            A,
            D,
            "understand",
            "easy",
            (
                "只要資料量夠大，資料品質就不重要。",
                "As long as there is enough data, data quality does not matter.",
            ),
            False,
            (
                "大量但有偏差或錯誤的資料會讓模型穩定地學到錯誤；俗稱「垃圾進、垃圾出」。",
                "Lots of biased or wrong data teaches the model its errors reliably: garbage in, garbage out.",
            ),
        ),
        true_false(
            "2.1-tf-kappa",
            P,
            D,
            "understand",
            "medium",
            (
                "兩位標註員的原始一致率為 90%，就代表他們的標註一定可靠。",
                "If two annotators agree 90% of the time, their labelling must be reliable.",
            ),
            False,
            (
                "若某類別占絕大多數，隨機也會有很高的一致率；應使用 Cohen's kappa 等扣除隨機一致的指標。",
                "If one class dominates, chance alone gives high agreement; use chance-corrected measures such as Cohen's kappa.",
            ),
        ),
        multi(
            "2.1-mr-collection-plan",
            P,
            D,
            "apply",
            "medium",
            (
                "規劃一個新的資料蒐集計畫時，下列哪些事項應事先確認？（選出所有正確者）",
                "When planning a new data-collection effort, which of these should be settled in advance? (Select all that apply.)",
            ),
            [
                ok(
                    "蒐集的合法依據與告知同意",
                    "確保資料可合法蒐集與利用。",
                    "The legal basis, notice and consent",
                    "So the data may lawfully be collected and used.",
                ),
                ok(
                    "資料要涵蓋的族群與情境",
                    "確保代表性。",
                    "Which populations and situations the data must cover",
                    "For representativeness.",
                ),
                ok(
                    "欄位定義、格式與品質檢核規則",
                    "事先定義可減少後續清理工作。",
                    "Field definitions, formats and quality checks",
                    "Defining them up front saves cleaning later.",
                ),
                ok(
                    "資料保存期限與存取權限",
                    "符合最小化與安全要求。",
                    "Retention periods and access rights",
                    "For minimisation and security.",
                ),
                no(
                    "模型最後要用哪一種顏色的圖表呈現",
                    "與資料蒐集無關。",
                    "Which chart colours the model's results will use",
                    "Irrelevant to collection.",
                ),
            ],
        ),
        matching(
            "2.1-match-dimensions",
            A,
            D,
            "understand",
            "easy",
            (
                "請將每一個資料問題對應到它所屬的品質面向。",
                "Match each data problem to its quality dimension.",
            ),
            [
                (
                    ("郵遞區號欄位有很多空白", "Many postcode fields are blank"),
                    ("完整性", "Completeness"),
                ),
                (
                    ("同一張訂單被匯入兩次", "The same order is imported twice"),
                    ("唯一性", "Uniqueness"),
                ),
                (
                    ("電話欄位出現英文字母", "Letters appear in the phone field"),
                    ("有效性", "Validity"),
                ),
                (
                    ("報表使用上個月的庫存資料", "A report uses last month's stock data"),
                    ("即時性", "Timeliness"),
                ),
            ],
        ),
        ordering(
            "2.1-order-quality",
            P,
            D,
            "apply",
            "medium",
            (
                "請排列建立資料品質管理機制的合理順序。",
                "Order the steps of setting up data-quality management.",
            ),
            [
                (
                    "定義關鍵資料與業務的品質要求",
                    "Define critical data and the business's quality requirements",
                ),
                (
                    "針對各面向訂出可量測的規則與門檻",
                    "Set measurable rules and thresholds per dimension",
                ),
                ("剖析現有資料並量測品質現況", "Profile current data and measure its quality"),
                ("找出根本原因並修正來源流程", "Find root causes and fix the source processes"),
                ("持續監控並定期報告品質指標", "Monitor continuously and report quality metrics"),
            ],
        ),
        short_text(
            "2.1-st-duplicates",
            A,
            D,
            "remember",
            "easy",
            (
                "同一位客戶在資料庫中被記錄成多筆，這違反了資料品質的哪一個面向？（中文或英文皆可）",
                "The same customer is recorded several times in a database. Which data-quality dimension does this violate?",
            ),
            ["唯一性", "uniqueness"],
            ["uniqueness"],
            patterns=[r"(?i)^\s*uniqueness\s*$", r"^\s*唯一性\s*$"],
        ),
        numeric(
            "2.1-num-dupes",
            P,
            D,
            "apply",
            "medium",
            (
                "客戶表有 25,000 筆紀錄，去除重複後剩 23,500 位不重複的客戶。重複紀錄占原始紀錄的百分比是多少？（填數字，單位為 %）",
                "A customer table has 25,000 records; after de-duplication 23,500 distinct customers remain. What percentage of the original records were duplicates? (a number, in %)",
            ),
            6,
            0.05,
            unit=("%", "%"),
            feedback=("(25,000 − 23,500) ÷ 25,000 = 6%。", "(25,000 − 23,500) ÷ 25,000 = 6%."),
        ),
        constructed(
            "2.1-cr-quality-plan",
            P,
            D,
            "create",
            "hard",
            (
                "某醫院要用門診紀錄訓練「回診風險」模型。請提出一份資料品質檢核計畫：列出至少四個要檢查的品質面向，每個面向給出具體的檢查規則與發現問題時的處理方式。",
                "A hospital will train a 'return visit risk' model on outpatient records. Propose a data-quality check plan: at least four quality dimensions, each with a concrete check rule and what to do when it fails.",
            ),
            [
                (
                    ("面向涵蓋", "Dimensions covered"),
                    [
                        (0, ("少於兩個或與資料無關。", "Fewer than two, or unrelated.")),
                        (1, ("兩至三個面向。", "Two or three dimensions.")),
                        (
                            2,
                            (
                                "四個以上且切合門診資料（如完整性、有效性、唯一性、即時性）。",
                                "Four or more fitting outpatient data (completeness, validity, uniqueness, timeliness).",
                            ),
                        ),
                    ],
                ),
                (
                    ("檢查規則", "Check rules"),
                    [
                        (0, ("沒有具體規則。", "No concrete rules.")),
                        (1, ("規則籠統。", "Vague rules.")),
                        (
                            2,
                            (
                                "規則可執行、可量測（如「診斷碼須符合 ICD-10 代碼表」「同病歷號同日不得重複」）。",
                                "Executable, measurable rules (diagnosis codes must be valid ICD-10; no duplicate visit per patient per day).",
                            ),
                        ),
                    ],
                ),
                (
                    ("問題處理", "Handling failures"),
                    [
                        (0, ("未說明。", "Not explained.")),
                        (1, ("只說刪除。", "Only 'delete it'.")),
                        (
                            2,
                            (
                                "依情況隔離、回報來源修正或標記缺值，並考慮對偏差與隱私的影響。",
                                "Quarantine, report to the source or flag missingness case by case, considering bias and privacy.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("2.1-dim", D, DIMENSIONS, DIM_Q, DIM_SCENARIOS, cognitive="analyse"),
        *classify("2.1-bias", D, BIASES, BIAS_Q, BIAS_SCENARIOS, cognitive="analyse"),
        *_kappa_family(),
        *_completeness_family(),
        *_hand_written(),
    ]
