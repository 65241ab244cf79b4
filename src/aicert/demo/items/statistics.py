"""2.3 Statistics and visualisation: choosing charts, descriptive statistics, inference pitfalls."""

from __future__ import annotations

import random
import statistics as st

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
    single,
    true_false,
)

D = "2.3"
P = "professional"

CHARTS = {
    "line": Category(
        "折線圖", "Line chart", "呈現數值隨時間的變化趨勢", "showing how a value changes over time"
    ),
    "bar": Category(
        "長條圖", "Bar chart", "比較不同類別之間的數量", "comparing quantities across categories"
    ),
    "histogram": Category(
        "直方圖",
        "Histogram",
        "呈現單一數值變數的分布形狀",
        "showing the shape of one numeric variable's distribution",
    ),
    "scatter": Category(
        "散佈圖",
        "Scatter plot",
        "呈現兩個數值變數之間的關係",
        "showing the relationship between two numeric variables",
    ),
    "box": Category(
        "盒鬚圖",
        "Box plot",
        "比較多個群組的分布（中位數、四分位距與離群值）",
        "comparing distributions across groups (median, quartiles and outliers)",
    ),
    "heatmap": Category(
        "熱力圖",
        "Heat map",
        "以顏色呈現矩陣中每一格的數值，例如相關係數矩陣或兩個類別維度的交叉",
        "showing each cell of a matrix by colour, such as a correlation matrix or a cross of two categorical dimensions",
    ),
    "stacked": Category(
        "百分比堆疊長條圖",
        "100% stacked bar chart",
        "呈現各組內部的組成比例，並跨組比較",
        "showing the make-up of each group and comparing it across groups",
    ),
}
CHART_Q = ("最適合使用哪一種圖表？", "Which chart fits best?")
CHART_SCENARIOS = [
    Scenario(
        "monthly-revenue",
        P,
        "easy",
        "向主管呈現過去三年每月營收的變化趨勢。",
        "Showing management the trend of monthly revenue over the past three years.",
        "line",
        "時間序列的趨勢最適合用折線圖呈現。",
        "A trend over time is best shown as a line chart.",
        ("bar", "scatter", "stacked"),
    ),
    Scenario(
        "store-sales",
        P,
        "easy",
        "比較 8 家門市本季的銷售額高低。",
        "Comparing this quarter's sales across 8 stores.",
        "bar",
        "比較類別之間的數量，長條圖最直觀。",
        "Comparing amounts across categories is clearest as a bar chart.",
        ("line", "histogram", "heatmap"),
    ),
    Scenario(
        "delivery-time",
        P,
        "easy",
        "了解 5 萬筆訂單的配送時間分布是否右偏、大多集中在幾天。",
        "Seeing whether the delivery times of 50,000 orders are right-skewed and where most of them fall.",
        "histogram",
        "單一數值變數的分布形狀用直方圖呈現。",
        "The shape of one numeric variable's distribution calls for a histogram.",
        ("box", "line", "scatter"),
    ),
    Scenario(
        "ad-spend",
        P,
        "easy",
        "分析 200 個廣告活動的「投放金額」與「帶來的銷售額」之間是否有關係。",
        "Analysing whether spend and resulting sales are related across 200 ad campaigns.",
        "scatter",
        "兩個數值變數的關係用散佈圖呈現。",
        "The relationship between two numeric variables calls for a scatter plot.",
        ("line", "bar", "heatmap"),
    ),
    Scenario(
        "salary-depts",
        P,
        "medium",
        "比較 5 個部門的薪資分布，包含中位數、離散程度與是否有極端高薪。",
        "Comparing salary distributions across 5 departments, including medians, spread and any extreme salaries.",
        "box",
        "盒鬚圖能同時比較多組的中位數、四分位距與離群值。",
        "Box plots compare medians, interquartile ranges and outliers across groups at once.",
        ("histogram", "bar", "stacked"),
    ),
    Scenario(
        "corr-matrix",
        P,
        "medium",
        "一次檢視 12 個數值特徵兩兩之間的相關係數。",
        "Reviewing the pairwise correlations of 12 numeric features at once.",
        "heatmap",
        "相關係數矩陣以熱力圖呈現，顏色深淺一目了然。",
        "A correlation matrix is best shown as a heat map.",
        ("scatter", "bar", "line"),
    ),
    Scenario(
        "product-mix",
        P,
        "medium",
        "呈現過去 5 年每年營收中各產品線所占的比例如何改變。",
        "Showing how each product line's share of revenue changed in each of the last 5 years.",
        "stacked",
        "比較各年內部的組成比例，用百分比堆疊長條圖。",
        "Comparing the make-up within each year calls for a 100% stacked bar chart.",
        ("line", "histogram", "box"),
    ),
    Scenario(
        "call-pattern",
        P,
        "medium",
        "找出客服來電量在「星期幾 × 每小時」的分布模式，以安排人力。",
        "Finding the pattern of support calls by weekday × hour to plan staffing.",
        "heatmap",
        "兩個類別維度交叉的數值，熱力圖最容易看出高峰時段。",
        "Values over a cross of two categorical dimensions show peaks best as a heat map.",
        ("line", "stacked", "scatter"),
    ),
    Scenario(
        "residuals",
        P,
        "hard",
        "檢查迴歸模型的殘差是否大致對稱、是否有長尾。",
        "Checking whether a regression model's residuals are roughly symmetric or have a long tail.",
        "histogram",
        "檢查單一變數（殘差）的分布形狀，直方圖最直接。",
        "The distribution shape of one variable (the residuals) is best seen in a histogram.",
        ("scatter", "line", "heatmap"),
    ),
    Scenario(
        "latency-versions",
        P,
        "hard",
        "比較三個系統版本的回應時間，除了中位數也要看尾端延遲與變異。",
        "Comparing response times of three system versions: not only medians but tail latency and spread.",
        "box",
        "盒鬚圖同時呈現各版本的中位數、變異與離群值。",
        "Box plots show each version's median, spread and outliers together.",
        ("bar", "line", "stacked"),
    ),
    Scenario(
        "dau",
        P,
        "easy",
        "呈現 App 每日活躍使用者數在過去一年的成長與季節波動。",
        "Showing the growth and seasonal swings of an app's daily active users over the past year.",
        "line",
        "時間趨勢與季節性最適合用折線圖。",
        "Trends and seasonality over time suit a line chart.",
        ("histogram", "box", "heatmap"),
    ),
]


def _computed() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:2.3-stats")
    specs: list[ItemSpec] = []
    for index in range(3):
        q1 = rng.choice([20, 24, 30, 35])
        q3 = q1 + rng.choice([10, 12, 16, 20])
        iqr = q3 - q1
        upper = q3 + 1.5 * iqr
        specs.append(
            computed(
                f"2.3-iqr-{index + 1}",
                P,
                D,
                "apply",
                "medium",
                (
                    f"一組配送時間（分鐘）的第一四分位數 Q1 = {q1}、第三四分位數 Q3 = {q3}。依 1.5 倍四分位距法則，超過多少分鐘的資料會被視為離群值？",
                    f"Delivery times (minutes) have Q1 = {q1} and Q3 = {q3}. By the 1.5 × IQR rule, above how many minutes is a value treated as an outlier?",
                ),
                upper,
                (
                    f"IQR = {q3} − {q1} = {iqr}；上界 = Q3 + 1.5 × IQR = {q3} + {1.5 * iqr:g} = {upper:g}。",
                    f"IQR = {q3} − {q1} = {iqr}; upper fence = Q3 + 1.5 × IQR = {q3} + {1.5 * iqr:g} = {upper:g}.",
                ),
                [
                    Mistake(q3 + iqr, "少乘了 1.5。", "The factor 1.5 was left out."),
                    Mistake(
                        1.5 * q3,
                        "把 1.5 乘在 Q3 上，而不是乘在四分位距上。",
                        "1.5 was applied to Q3 instead of the IQR.",
                    ),
                    Mistake(
                        q3 + 3 * iqr,
                        "3 倍四分位距是「極端離群值」的界線。",
                        "3 × IQR is the fence for extreme outliers.",
                    ),
                ],
                places=1,
            )
        )
    for index in range(2):
        before = rng.choice([2.0, 4.0, 5.0])
        after = before + rng.choice([0.5, 1.0, 1.5])
        rel = (after - before) / before
        specs.append(
            computed(
                f"2.3-pct-{index + 1}",
                P,
                D,
                "apply",
                "medium",
                (
                    f"新版網頁上線後，轉換率由 {before}% 提升到 {after}%。轉換率的「相對」提升幅度是多少？",
                    f"After a new page launched, the conversion rate rose from {before}% to {after}%. What is the relative increase in the conversion rate?",
                ),
                rel,
                (
                    f"相對變化 = ({after} − {before}) ÷ {before} = {rel:.1%}；而 {after - before:g} 是「百分點」的差。",
                    f"Relative change = ({after} − {before}) ÷ {before} = {rel:.1%}; the {after - before:g} is the difference in percentage points.",
                ),
                [
                    Mistake(
                        (after - before) / 100,
                        "這是百分點的差，不是相對變化率。",
                        "That is the difference in percentage points, not the relative change.",
                    ),
                    Mistake(
                        (after - before) / after,
                        "分母應是變化前的數值。",
                        "The base should be the value before the change.",
                    ),
                    Mistake(
                        after / before,
                        "這是新舊比值，還要減 1 才是變化率。",
                        "That is the ratio; subtract 1 to get the change.",
                    ),
                ],
                places=1,
                percent=True,
            )
        )
    for index in range(2):
        while True:
            values = sorted(rng.sample(range(18, 60), 6)) + [rng.choice([380, 520, 900])]
            shown = list(values)
            rng.shuffle(shown)
            median = st.median(values)
            mean = st.mean(values)
            if shown[3] != median and round(mean) != median and (values[0] + values[-1]) % 2 == 0:
                break
        specs.append(
            computed(
                f"2.3-median-{index + 1}",
                P,
                D,
                "apply",
                "easy",
                (
                    f"7 位客戶的單筆消費（元）為：{'、'.join(map(str, shown))}。中位數是多少元？",
                    f"Seven customers' purchases (in NT dollars) are: {', '.join(map(str, shown))}. What is the median?",
                ),
                median,
                (
                    f"排序後為 {values}，第 4 個值 {median} 即中位數；它不受極端值 {values[-1]} 影響。",
                    f"Sorted: {values}; the 4th value, {median}, is the median, unaffected by the extreme {values[-1]}.",
                ),
                [
                    Mistake(
                        mean,
                        f"這是平均數，被極端值 {values[-1]} 拉高了。",
                        f"That is the mean, pulled up by the extreme {values[-1]}.",
                    ),
                    Mistake(
                        shown[3],
                        "沒有先排序，直接取了原始順序的中間值。",
                        "The middle of the unsorted list was taken without sorting.",
                    ),
                    Mistake(
                        (values[0] + values[-1]) / 2,
                        "這是最小值與最大值的中點，不是中位數。",
                        "That is the midpoint of the min and max, not the median.",
                    ),
                ],
                places=0,
            )
        )
    stores = [(120, 4.6), (40, 3.9), (240, 4.1)]
    total = sum(n for n, _ in stores)
    weighted = sum(n * s for n, s in stores) / total
    specs.append(
        computed(
            "2.3-weighted-1",
            P,
            D,
            "apply",
            "medium",
            (
                "三家門市的滿意度調查：甲店 120 人平均 4.6 分、乙店 40 人平均 3.9 分、丙店 240 人平均 4.1 分。全體受訪者的平均滿意度是多少？（取小數點後兩位）",
                "A satisfaction survey: store A, 120 people averaging 4.6; store B, 40 people averaging 3.9; store C, 240 people averaging 4.1. What is the average over all respondents? (two decimal places)",
            ),
            weighted,
            (
                f"以人數加權：(120×4.6 + 40×3.9 + 240×4.1) ÷ 400 = {weighted:.2f}。",
                f"Weight by respondents: (120×4.6 + 40×3.9 + 240×4.1) ÷ 400 = {weighted:.2f}.",
            ),
            [
                Mistake(
                    (4.6 + 3.9 + 4.1) / 3,
                    "直接平均三店的平均數，忽略各店人數不同。",
                    "Averaging the three store means ignores their different sizes.",
                ),
                Mistake(4.1, "只取了人數最多的丙店。", "Only the largest store was used."),
                Mistake((4.6 + 4.1) / 2, "漏掉了乙店。", "Store B was left out."),
            ],
        )
    )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        single(
            "2.3-causation",
            P,
            D,
            "evaluate",
            "easy",
            (
                "資料顯示：冰淇淋銷量高的月份，溺水事件也較多。下列結論何者最恰當？",
                "Data show more drownings in months when ice-cream sales are high. Which conclusion is most appropriate?",
            ),
            [
                ok(
                    "兩者可能都受氣溫（天氣熱、戲水人多）影響，相關不代表因果",
                    "存在干擾變數時，相關不能推論因果。",
                    "Both may be driven by temperature (hot weather, more swimming); correlation is not causation",
                    "With a confounder present, correlation cannot establish causation.",
                ),
                no(
                    "吃冰淇淋會導致溺水",
                    "把相關誤認為因果。",
                    "Eating ice cream causes drowning",
                    "That mistakes correlation for causation.",
                ),
                no(
                    "應該禁止夏天販售冰淇淋",
                    "基於錯誤的因果推論。",
                    "Ice-cream sales should be banned in summer",
                    "Built on a false causal inference.",
                ),
                no(
                    "溺水會讓人想吃冰淇淋",
                    "因果方向既錯誤也無根據。",
                    "Drowning makes people want ice cream",
                    "The causal direction is wrong and baseless.",
                ),
            ],
        ),
        single(
            "2.3-simpson",
            P,
            D,
            "analyse",
            "hard",
            (
                "整體來看，A 醫院的手術成功率低於 B 醫院；但分別看「輕症」與「重症」時，A 醫院兩組的成功率都比較高。最可能的解釋是？",
                "Overall, hospital A's surgical success rate is below hospital B's; yet within mild cases and within severe cases, A does better in both. What is the most likely explanation?",
            ),
            [
                ok(
                    "A 醫院收治的重症比例高得多，合併計算時被拉低——這是辛普森悖論",
                    "群組組成不同時，合併資料的結論可能與分組結論相反。",
                    "A treats a much larger share of severe cases, which drags its overall rate down: Simpson's paradox",
                    "When group mixes differ, pooled data can reverse the within-group conclusion.",
                ),
                no(
                    "資料一定算錯了",
                    "這種情形在數學上完全可能。",
                    "The data must be wrong",
                    "This can happen perfectly legitimately.",
                ),
                no(
                    "B 醫院的醫療品質較好",
                    "分組比較顯示 A 在兩組都較好。",
                    "Hospital B gives better care",
                    "Within each group A does better.",
                ),
                no(
                    "樣本數太大造成的誤差",
                    "與樣本大小無關，而是組成差異。",
                    "An error caused by too large a sample",
                    "It is about group mix, not sample size.",
                ),
            ],
        ),
        single(
            "2.3-pvalue",
            P,
            D,
            "understand",
            "hard",
            (
                "A/B 測試得到 p 值 = 0.03。下列解讀何者正確？",
                "An A/B test gives p = 0.03. Which interpretation is correct?",
            ),
            [
                ok(
                    "若兩個版本實際上沒有差異，觀察到這麼大（或更大）差異的機率約為 3%",
                    "p 值是在虛無假設成立下，出現當前或更極端結果的機率。",
                    "If the versions truly did not differ, a difference this large or larger would occur about 3% of the time",
                    "A p-value is the probability of results at least this extreme if the null hypothesis holds.",
                ),
                no(
                    "新版本比較好的機率是 97%",
                    "p 值不是假設為真的機率。",
                    "There is a 97% chance the new version is better",
                    "A p-value is not the probability a hypothesis is true.",
                ),
                no(
                    "兩版本沒有差異的機率是 3%",
                    "同樣把 p 值誤解為假設的機率。",
                    "There is a 3% chance the versions do not differ",
                    "Again treating p as a hypothesis probability.",
                ),
                no(
                    "差異一定很大、具商業價值",
                    "統計顯著不等於效果大或有實務意義。",
                    "The difference must be large and commercially valuable",
                    "Statistical significance is not practical importance.",
                ),
            ],
        ),
        single(
            "2.3-ci",
            P,
            D,
            "understand",
            "medium",
            (
                "調查估計平均通勤時間的 95% 信賴區間為 32–38 分鐘。下列敘述何者最正確？",
                "A survey's 95% confidence interval for mean commute time is 32–38 minutes. Which statement is most accurate?",
            ),
            [
                ok(
                    "若以相同方法反覆抽樣並計算區間，約 95% 的區間會包含真正的母體平均",
                    "信賴水準描述的是方法的長期表現。",
                    "If the sampling and interval method were repeated many times, about 95% of intervals would contain the true mean",
                    "The confidence level describes the method's long-run performance.",
                ),
                no(
                    "95% 的人通勤時間介於 32–38 分鐘",
                    "區間是對平均數的估計，不是個人的分布範圍。",
                    "95% of people commute 32–38 minutes",
                    "The interval estimates the mean, not individual spread.",
                ),
                no(
                    "平均通勤時間一定是 35 分鐘",
                    "35 只是點估計。",
                    "The mean is exactly 35 minutes",
                    "35 is only the point estimate.",
                ),
                no(
                    "區間越寬代表估計越精確",
                    "區間越寬代表不確定性越大。",
                    "A wider interval means a more precise estimate",
                    "Wider means more uncertainty.",
                ),
            ],
        ),
        single(
            "2.3-truncated-axis",
            P,
            D,
            "evaluate",
            "medium",
            (
                "簡報中的長條圖顯示 A 方案 51%、B 方案 49%，但 y 軸從 48% 開始，使 A 的長條看起來是 B 的兩倍高。這張圖的主要問題是？",
                "A slide's bar chart shows option A at 51% and B at 49%, but the y-axis starts at 48%, so A's bar looks twice as tall. What is the main problem?",
            ),
            [
                ok(
                    "截斷的 y 軸誇大了差異，長條圖的長度應從 0 開始才能正確比較",
                    "長條的長度代表數量，截斷座標軸會誤導讀者。",
                    "The truncated axis exaggerates the difference; bar lengths must start at 0 to compare fairly",
                    "Bar length encodes quantity, so truncating the axis misleads.",
                ),
                no(
                    "顏色不夠鮮豔",
                    "與誤導無關。",
                    "The colours are not bright enough",
                    "Irrelevant to the distortion.",
                ),
                no(
                    "應該改用圓餅圖",
                    "問題在於座標軸，不是圖表類型。",
                    "It should be a pie chart",
                    "The axis is the problem, not the chart type.",
                ),
                no(
                    "數值應該四捨五入到整數",
                    "與誤導無關。",
                    "The numbers should be rounded",
                    "Irrelevant to the distortion.",
                ),
            ],
        ),
        single(
            "2.3-log-scale",
            P,
            D,
            "apply",
            "medium",
            (
                "某新技術的使用者數在 5 年內從 100 人成長到 1,000 萬人，想同時看清楚早期與後期的成長速度。最恰當的作法是？",
                "A technology's users grew from 100 to 10 million in 5 years, and you want to see growth rates clearly in both early and late years. What is most appropriate?",
            ),
            [
                ok(
                    "y 軸使用對數刻度",
                    "指數成長在對數刻度上呈直線，早期與後期的成長率都看得清楚。",
                    "Use a logarithmic y-axis",
                    "Exponential growth appears as a straight line on a log scale, so growth rates are visible throughout.",
                ),
                no(
                    "y 軸使用線性刻度，從 0 開始",
                    "早期數值會被壓在底部看不見。",
                    "A linear y-axis starting at 0",
                    "Early values are squashed invisibly at the bottom.",
                ),
                no(
                    "只畫最後一年的資料",
                    "丟失了早期資訊。",
                    "Plot only the last year",
                    "It drops the early information.",
                ),
                no(
                    "改用圓餅圖",
                    "圓餅圖不適合呈現時間趨勢。",
                    "Use a pie chart",
                    "Pie charts do not show trends over time.",
                ),
            ],
        ),
        single(
            "2.3-corr-r",
            P,
            D,
            "understand",
            "medium",
            (
                "「使用 App 的天數」與「客服來電次數」的皮爾森相關係數 r = −0.85。下列解讀何者正確？",
                "The Pearson correlation between days of app use and support calls is r = −0.85. Which reading is correct?",
            ),
            [
                ok(
                    "兩者有強烈的負向線性關係：使用天數越多，來電次數傾向越少",
                    "r 接近 −1 表示強的負向線性關係。",
                    "A strong negative linear relationship: more days of use tend to go with fewer calls",
                    "r near −1 means a strong negative linear relationship.",
                ),
                no(
                    "兩者幾乎沒有關係",
                    "|r| = 0.85 屬強相關。",
                    "There is almost no relationship",
                    "|r| = 0.85 is strong.",
                ),
                no(
                    "使用 App 一定會減少來電",
                    "相關不代表因果。",
                    "Using the app definitely reduces calls",
                    "Correlation is not causation.",
                ),
                no(
                    "85% 的來電是由 App 造成",
                    "r 不是比例，也不表示因果。",
                    "85% of calls are caused by the app",
                    "r is not a proportion and implies no cause.",
                ),
            ],
        ),
        single(
            "2.3-skew",
            P,
            D,
            "analyse",
            "medium",
            (
                "某地區家戶所得的平均數為 120 萬元、中位數為 75 萬元。這代表什麼？",
                "A region's mean household income is NT$1.2 million and the median NT$750,000. What does this indicate?",
            ),
            [
                ok(
                    "分布右偏：少數高所得家戶拉高了平均數，中位數較能代表一般家戶",
                    "平均數大於中位數通常表示右偏。",
                    "A right-skewed distribution: a few high earners pull the mean up, and the median better represents a typical household",
                    "A mean above the median usually signals right skew.",
                ),
                no(
                    "分布左偏",
                    "左偏時平均數通常小於中位數。",
                    "A left-skewed distribution",
                    "Left skew usually puts the mean below the median.",
                ),
                no(
                    "資料一定有錯",
                    "這是所得資料的常見情形。",
                    "The data must be wrong",
                    "This is typical of income data.",
                ),
                no(
                    "多數家戶的所得高於 120 萬元",
                    "中位數 75 萬代表一半家戶低於 75 萬。",
                    "Most households earn more than NT$1.2 million",
                    "Half earn below NT$750,000.",
                ),
            ],
        ),
        single(
            "2.3-multiple-tests",
            P,
            D,
            "evaluate",
            "hard",
            (
                "分析師在一次 A/B 測試中同時檢定了 20 個指標，發現其中 1 個在 α = 0.05 下顯著，便宣稱新版本有效。最主要的問題是？",
                "An analyst tests 20 metrics in one A/B test, finds one significant at α = 0.05, and declares the new version effective. What is the main problem?",
            ),
            [
                ok(
                    "多重比較：即使毫無效果，20 次檢定中平均也會有約 1 次偶然顯著；應事先指定主要指標或校正顯著水準",
                    "檢定越多，偶然出現顯著的機會越大。",
                    "Multiple comparisons: with no real effect, about 1 in 20 tests is significant by chance; pre-register a primary metric or adjust the significance level",
                    "The more tests, the more chance significance.",
                ),
                no(
                    "樣本數太大",
                    "問題在檢定次數，不是樣本數。",
                    "The sample is too large",
                    "The issue is the number of tests, not sample size.",
                ),
                no(
                    "應該把 α 提高到 0.10",
                    "提高 α 會讓偶然顯著更多。",
                    "α should be raised to 0.10",
                    "That makes chance findings more common.",
                ),
                no(
                    "沒有問題，一個顯著就代表有效",
                    "忽略了多重比較的偶然性。",
                    "No problem: one significant result proves it",
                    "It ignores chance across many tests.",
                ),
            ],
        ),
        single(
            "2.3-practical",
            P,
            D,
            "evaluate",
            "medium",
            (
                "一個有 200 萬名使用者參與的實驗顯示，新按鈕使點擊率由 3.00% 提升到 3.02%，p < 0.001。最恰當的判斷是？",
                "An experiment with 2 million users shows a new button lifts click-through from 3.00% to 3.02%, p < 0.001. What is the most appropriate judgement?",
            ),
            [
                ok(
                    "差異在統計上顯著，但效果非常小；是否採用應考量實務效益與成本",
                    "大樣本下極小差異也會顯著，需要另外評估效果大小。",
                    "The difference is statistically significant but tiny; adopt it only if the practical benefit justifies the cost",
                    "With huge samples even tiny effects are significant; judge the effect size separately.",
                ),
                no(
                    "p 值很小，所以效果一定很大",
                    "p 值小不代表效果大。",
                    "The p-value is tiny, so the effect must be large",
                    "A small p does not mean a big effect.",
                ),
                no(
                    "不顯著，應放棄",
                    "在統計上是顯著的。",
                    "Not significant; drop it",
                    "It is significant.",
                ),
                no(
                    "樣本太多，結果無效",
                    "樣本大不會讓結果無效。",
                    "Too many users; the result is invalid",
                    "A large sample does not invalidate it.",
                ),
            ],
        ),
        single(
            "2.3-normal-rule",
            P,
            D,
            "apply",
            "medium",
            (
                "某零件長度近似常態分布，平均 50.0 mm、標準差 0.2 mm。約有多少比例的零件長度落在 49.6–50.4 mm 之間？",
                "A part's length is roughly normal with mean 50.0 mm and standard deviation 0.2 mm. About what share of parts fall between 49.6 and 50.4 mm?",
            ),
            [
                no(
                    "約 68%",
                    "68% 對應的是平均數 ±1 個標準差（49.8–50.2）。",
                    "About 68%",
                    "68% corresponds to ±1 standard deviation (49.8–50.2).",
                ),
                ok(
                    "約 95%",
                    "49.6–50.4 是平均數 ±2 個標準差，約涵蓋 95%。",
                    "About 95%",
                    "49.6–50.4 is ±2 standard deviations, covering about 95%.",
                ),
                no(
                    "約 99.7%",
                    "99.7% 對應的是 ±3 個標準差（49.4–50.6）。",
                    "About 99.7%",
                    "99.7% corresponds to ±3 standard deviations (49.4–50.6).",
                ),
                no(
                    "100%",
                    "常態分布理論上沒有上下限，不會剛好 100%。",
                    "100%",
                    "A normal distribution has no hard limits, so never exactly 100%.",
                ),
            ],
            order="fixed",
        ),
        true_false(
            "2.3-tf-pie",
            P,
            D,
            "understand",
            "easy",
            (
                "要精確比較 12 個類別的數量大小時，圓餅圖通常比長條圖更容易閱讀。",
                "To compare the sizes of 12 categories precisely, a pie chart is usually easier to read than a bar chart.",
            ),
            False,
            (
                "人眼比較角度與面積不如比較長度準確；類別多時長條圖較清楚。",
                "People judge angles and areas less accurately than lengths; with many categories, bars are clearer.",
            ),
        ),
        true_false(
            "2.3-tf-std-outlier",
            P,
            D,
            "understand",
            "medium",
            (
                "標準差與平均數一樣，容易受到極端值影響。",
                "Like the mean, the standard deviation is sensitive to extreme values.",
            ),
            True,
            (
                "標準差以與平均數的平方距離計算，極端值影響很大；四分位距等指標較穩健。",
                "It uses squared distances from the mean, so extremes weigh heavily; the interquartile range is more robust.",
            ),
        ),
        multi(
            "2.3-mr-eda",
            P,
            D,
            "apply",
            "medium",
            (
                "拿到一份新資料進行探索性資料分析（EDA）時，下列哪些是合適的步驟？（選出所有正確者）",
                "Which of these are suitable steps in exploratory data analysis of a new dataset? (Select all that apply.)",
            ),
            [
                ok(
                    "檢查各欄位的型別、缺值與唯一值數量",
                    "先了解資料結構與品質。",
                    "Check each field's type, missing values and number of distinct values",
                    "Understand structure and quality first.",
                ),
                ok(
                    "畫出主要數值欄位的分布",
                    "看出偏態、離群值與異常。",
                    "Plot the distributions of key numeric fields",
                    "It reveals skew, outliers and anomalies.",
                ),
                ok(
                    "檢視特徵與目標、特徵彼此之間的關係",
                    "找出可能有用或重複的特徵。",
                    "Look at relationships between features and the target, and among features",
                    "It shows useful or redundant features.",
                ),
                no(
                    "在看資料之前就決定最終模型",
                    "應先了解資料再選擇方法。",
                    "Decide the final model before looking at the data",
                    "Understand the data before choosing methods.",
                ),
                no(
                    "刪除所有看起來不尋常的資料",
                    "不尋常的資料可能是重要資訊。",
                    "Delete everything that looks unusual",
                    "Unusual data may be important.",
                ),
            ],
        ),
        matching(
            "2.3-match-measures",
            P,
            D,
            "understand",
            "easy",
            ("請將每個統計量對應到它描述的內容。", "Match each statistic to what it describes."),
            [
                (("中位數", "Median"), ("排序後位於中間的值", "The middle value after sorting")),
                (
                    ("四分位距", "Interquartile range"),
                    ("中間 50% 資料的範圍", "The spread of the middle 50% of the data"),
                ),
                (
                    ("標準差", "Standard deviation"),
                    ("資料相對於平均數的離散程度", "How far data typically lie from the mean"),
                ),
                (("眾數", "Mode"), ("出現次數最多的值", "The most frequent value")),
            ],
            distractors=[("相關係數", "Correlation coefficient")],
        ),
        numeric(
            "2.3-num-median",
            P,
            D,
            "apply",
            "easy",
            (
                "資料為 3、9、4、12、7、5（共 6 筆）。中位數是多少？",
                "The data are 3, 9, 4, 12, 7, 5 (six values). What is the median?",
            ),
            6,
            0,
            feedback=(
                "排序後為 3、4、5、7、9、12，中間兩數 5 與 7 的平均為 6。",
                "Sorted: 3, 4, 5, 7, 9, 12; the mean of the middle two, 5 and 7, is 6.",
            ),
        ),
        numeric(
            "2.3-num-pp",
            P,
            D,
            "apply",
            "medium",
            (
                "客戶回購率由 20% 提升到 25%。回購率提升了多少「百分點」？",
                "The repeat-purchase rate rose from 20% to 25%. By how many percentage points did it rise?",
            ),
            5,
            0,
            unit=("個百分點", "percentage points"),
            feedback=(
                "25% − 20% = 5 個百分點（相對提升則為 25%）。",
                "25% − 20% = 5 percentage points (a 25% relative increase).",
            ),
        ),
        ordering(
            "2.3-order-story",
            P,
            D,
            "apply",
            "medium",
            (
                "要用資料向主管說明「為何本季退貨率上升」，請排列一個清楚的資料敘事順序。",
                "Order a clear data story explaining to management why returns rose this quarter.",
            ),
            [
                (
                    "先說結論：退貨率由 4% 升到 6%，主因是某供應商批次",
                    "Lead with the conclusion: returns rose from 4% to 6%, mainly from one supplier's batches",
                ),
                ("呈現趨勢圖，標示上升的時間點", "Show the trend, marking when it rose"),
                (
                    "以分組比較證明主因（依供應商、品項拆解）",
                    "Prove the cause with a breakdown by supplier and item",
                ),
                ("說明其他可能原因已排除", "Explain which other causes were ruled out"),
                ("提出建議行動與預期效果", "Recommend actions and their expected effect"),
            ],
        ),
        constructed(
            "2.3-cr-critique",
            P,
            D,
            "evaluate",
            "hard",
            (
                "某份行銷報告寫道：「使用我們 App 的顧客，平均年消費比不使用的顧客高 40%，因此推廣 App 能讓營收提升 40%。」請評論此推論的問題，並提出如何以資料更可靠地評估 App 的效果。",
                "A marketing report says: 'Customers who use our app spend 40% more a year on average than those who don't, so promoting the app will raise revenue by 40%.' Critique this inference and propose how to assess the app's effect more reliably with data.",
            ),
            [
                (
                    ("辨識推論謬誤", "Identifying the flaw"),
                    [
                        (0, ("未指出問題。", "No problem identified.")),
                        (
                            1,
                            (
                                "指出相關不等於因果，但沒有說明原因。",
                                "Says correlation is not causation, without explaining.",
                            ),
                        ),
                        (
                            2,
                            (
                                "說明自我選擇與干擾因素：忠誠、高消費顧客本來就較可能下載 App。",
                                "Explains self-selection and confounding: loyal big spenders are likelier to install the app anyway.",
                            ),
                        ),
                    ],
                ),
                (
                    ("更可靠的評估", "A more reliable assessment"),
                    [
                        (0, ("未提出方法。", "No method.")),
                        (1, ("提出方法但不具體。", "A vague method.")),
                        (
                            2,
                            (
                                "提出隨機對照實驗（如隨機推播邀請）、或以前後比較加對照組／配對等準實驗方法，並說明指標。",
                                "Proposes a randomised experiment (e.g. randomised invitations) or a quasi-experiment with controls or matching, with metrics.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("2.3-chart", D, CHARTS, CHART_Q, CHART_SCENARIOS, cognitive="apply"),
        *_computed(),
        *_hand_written(),
    ]
