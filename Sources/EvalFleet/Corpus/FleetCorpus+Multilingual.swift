extension FleetCorpus {
    /// Answers written in other languages, each answering a prompt in the same language.
    static let multilingual: [CorpusDocument] = [
        // Japanese
        doc(
            "ja-seasons", "ja", "日本の四季について簡単に説明してください。",
            """
            日本には春、夏、秋、冬の四つの季節があります。春には桜が咲き、多くの人が花見を楽しみます。夏は暑くて湿気が多く、各地で花火大会や祭りが行われます。秋は紅葉がきれいで、食べ物がおいしい季節です。冬は北の地方で雪が多く、温泉に入るのが人気です。
            """),
        doc(
            "ja-tea", "ja", "お茶の入れ方を教えてください。",
            """
            まず、お湯を沸かして少し冷まします。緑茶の場合は七十度から八十度くらいがちょうどいいです。急須に茶葉を入れ、お湯を注いで一分ほど待ちます。最後の一滴までお茶を湯呑みに注ぐと、二煎目もおいしく飲めます。
            """),
        doc(
            "ja-trains", "ja", "日本の電車はなぜ時間に正確なのですか。",
            """
            日本の電車が時間に正確なのは、綿密な計画と丁寧な保守のおかげです。運転士や駅員は秒単位で動き、遅れが出るとすぐに調整します。線路や車両の点検も毎日行われています。また、乗客も整列して乗り降りするので、停車時間が短く保たれます。
            """),
        // Chinese
        doc(
            "zh-spring-festival", "zh", "请简单介绍一下中国的春节。",
            """
            春节是中国最重要的传统节日，也叫农历新年。节日前，人们打扫房子，贴春联和窗花。除夕晚上，全家人一起吃年夜饭，很多家庭会包饺子。大年初一，人们穿新衣服，给长辈拜年，孩子们会收到红包。
            """),
        doc(
            "zh-exercise", "zh", "经常运动有什么好处？",
            """
            经常运动对身体和心理都有很多好处。运动可以增强心肺功能，帮助控制体重，让肌肉和骨骼更加强壮。运动还能改善睡眠，减轻压力，让人心情更好。每周坚持几次适量的运动，比偶尔一次高强度的锻炼更有效。
            """),
        doc(
            "zh-internet", "zh", "互联网是怎样改变人们的生活的？",
            """
            互联网让人们的生活变得更加方便。人们可以在网上购物、学习、工作和看病，也可以随时和远方的亲友视频聊天。信息传播的速度变得非常快。不过，互联网也带来了隐私和虚假信息等问题，需要我们谨慎使用。
            """),
        // Thai
        doc(
            "th-songkran", "th", "ช่วยอธิบายเทศกาลสงกรานต์สั้นๆ",
            """
            สงกรานต์เป็นเทศกาลปีใหม่ไทยที่จัดขึ้นในเดือนเมษายน ผู้คนจะกลับบ้านไปหาครอบครัว ทำบุญที่วัด และรดน้ำดำหัวผู้ใหญ่เพื่อขอพร ในหลายเมืองมีการเล่นสาดน้ำกันอย่างสนุกสนาน เพราะเป็นช่วงที่อากาศร้อนที่สุดของปี
            """),
        doc(
            "th-rice", "th", "ข้าวมีความสำคัญต่อคนไทยอย่างไร",
            """
            ข้าวเป็นอาหารหลักของคนไทยและเป็นส่วนหนึ่งของวัฒนธรรมมานาน คนไทยกินข้าวเกือบทุกมื้อ และชาวนาปลูกข้าวในหลายภาคของประเทศ ประเทศไทยยังเป็นผู้ส่งออกข้าวรายใหญ่ของโลก โดยเฉพาะข้าวหอมมะลิที่มีชื่อเสียงมาก
            """),
        doc(
            "th-health", "th", "มีวิธีดูแลสุขภาพง่ายๆ อย่างไรบ้าง",
            """
            การดูแลสุขภาพเริ่มได้จากเรื่องง่ายๆ ในชีวิตประจำวัน ควรดื่มน้ำให้เพียงพอ กินผักและผลไม้ทุกวัน และออกกำลังกายอย่างน้อยวันละสามสิบนาที นอกจากนี้ควรนอนหลับให้พอและหาเวลาพักผ่อนเพื่อลดความเครียด
            """),
        // Russian
        doc(
            "ru-winter", "ru", "Расскажите коротко о русской зиме.",
            """
            Русская зима длинная и холодная, особенно в Сибири и на севере страны. Во многих городах снег лежит с ноября до марта. Люди катаются на лыжах и коньках, а дети лепят снеговиков. Зимой отмечают Новый год, самый любимый праздник в России.
            """),
        doc(
            "ru-reading", "ru", "Почему полезно читать книги?",
            """
            Чтение книг развивает память, воображение и словарный запас. Книги помогают лучше понимать других людей и смотреть на мир с разных сторон. Регулярное чтение улучшает концентрацию и снижает стресс. Даже двадцать минут в день делают заметную разницу.
            """),
        doc(
            "ru-space", "ru", "Кто был первым человеком в космосе?",
            """
            Первым человеком в космосе был Юрий Гагарин. Двенадцатого апреля тысяча девятьсот шестьдесят первого года он облетел Землю на корабле Восток. Полёт продолжался около ста восьми минут. С тех пор этот день отмечают как День космонавтики.
            """),
        // Spanish
        doc(
            "es-siesta", "es", "¿Qué es la siesta y por qué es tradicional en España?",
            """
            La siesta es un descanso corto después de la comida del mediodía. En España se hizo tradicional porque en verano hace mucho calor en las primeras horas de la tarde y era difícil trabajar al aire libre. Hoy muchas personas ya no duermen la siesta, pero los horarios de comida y de las tiendas todavía reflejan esa costumbre.
            """),
        doc(
            "es-recycling", "es", "¿Por qué es importante reciclar?",
            """
            Reciclar reduce la cantidad de basura que termina en los vertederos y en el mar. También ahorra materias primas y energía, porque fabricar productos con material reciclado suele costar menos que empezar desde cero. Separar el papel, el plástico y el vidrio en casa es un pequeño gesto que, sumado al de millones de personas, tiene un gran efecto.
            """),
        // German
        doc(
            "de-bread", "de", "Warum ist Brot in Deutschland so wichtig?",
            """
            Brot spielt in Deutschland eine große Rolle im Alltag. Es gibt mehr als dreitausend Brotsorten, vom dunklen Roggenbrot bis zum hellen Brötchen. Viele Menschen essen morgens und abends Brot mit Käse, Wurst oder Marmelade. Die deutsche Brotkultur wurde sogar als immaterielles Kulturerbe anerkannt.
            """),
        doc(
            "de-energy", "de", "Was versteht man unter der Energiewende?",
            """
            Mit der Energiewende ist der Umstieg von Kohle, Öl und Atomkraft auf erneuerbare Energien gemeint. Wind, Sonne, Wasser und Biomasse sollen den Großteil des Stroms liefern. Dafür müssen neue Leitungen und Speicher gebaut werden. Ziel ist es, den Ausstoß von Treibhausgasen stark zu senken.
            """),
        // French
        doc(
            "fr-cheese", "fr", "Pourquoi le fromage est-il si important en France ?",
            """
            Le fromage fait partie de la culture française depuis des siècles. On dit souvent qu'il existe plus de mille fromages différents en France, chacun lié à une région et à un savoir-faire. Beaucoup de familles servent un plateau de fromages à la fin du repas, avant le dessert, avec du pain frais.
            """),
        doc(
            "fr-bike", "fr", "Quels sont les avantages du vélo en ville ?",
            """
            Le vélo permet de se déplacer rapidement en ville sans embouteillages et sans chercher de place pour se garer. Il ne pollue pas et coûte peu. C'est aussi une bonne façon de faire de l'exercice chaque jour. De nombreuses villes construisent des pistes cyclables pour rendre les trajets plus sûrs.
            """),
        // Korean
        doc(
            "ko-kimchi", "ko", "김치에 대해 간단히 설명해 주세요.",
            """
            김치는 배추나 무 같은 채소를 소금에 절이고 고춧가루, 마늘, 생강 등으로 양념해서 발효시킨 한국의 전통 음식입니다. 거의 모든 식사에 반찬으로 나옵니다. 가을에는 가족과 이웃이 모여 겨울 동안 먹을 김치를 함께 담그는데, 이것을 김장이라고 합니다.
            """),
        // Portuguese
        doc(
            "pt-carnival", "pt", "O que é o Carnaval no Brasil?",
            """
            O Carnaval é a maior festa popular do Brasil e acontece alguns dias antes da Quaresma. No Rio de Janeiro, as escolas de samba desfilam no Sambódromo com fantasias e carros alegóricos. Em Salvador e em Recife, milhões de pessoas dançam nas ruas atrás dos trios elétricos e dos blocos.
            """),
    ]
}
