extension FleetCorpus {
    static let englishProse: [CorpusDocument] = [
        doc(
            "hash-map", "en", "Explain how a hash map handles collisions.",
            """
            A hash map turns each key into a number with a hash function and uses that number to pick a bucket. Two different keys can land in the same bucket, which is called a collision. One common fix is chaining: each bucket holds a short list, and a lookup walks that list comparing keys. Another is open addressing: when a bucket is taken, the map probes the next free slot in a fixed pattern. Either way, the map keeps the load factor low by growing its table, so lookups stay close to constant time.
            """),
        doc(
            "tcp-handshake", "en", "Describe the TCP three-way handshake.",
            """
            The TCP three-way handshake opens a connection before any data flows. The client sends a SYN segment with its initial sequence number. The server answers with a SYN-ACK that acknowledges the client's number and carries its own. The client then sends an ACK for the server's number, and both sides consider the connection established. The exchange lets each side learn the other's starting sequence number, so lost or repeated segments can be detected later.
            """),
        doc(
            "photosynthesis", "en", "How does photosynthesis work in plants?",
            """
            Photosynthesis is how plants turn light into chemical energy. In the chloroplasts, chlorophyll absorbs light, mostly red and blue. That energy splits water molecules, releasing oxygen and producing energy carriers called ATP and NADPH. In a second stage, the Calvin cycle uses those carriers to fix carbon dioxide from the air into sugars. The plant then uses the sugars to grow, to store energy as starch, and to build cellulose for its cell walls.
            """),
        doc(
            "inflation", "en", "What causes inflation, in simple terms?",
            """
            Inflation is a general rise in prices, which means each unit of money buys a little less over time. It often starts when demand grows faster than the economy can produce goods and services. It can also come from rising costs, such as energy or wages, that firms pass on to customers. Expectations matter too: if people expect prices to rise, they ask for higher wages and raise their own prices. Central banks usually respond by raising interest rates to cool spending.
            """),
        doc(
            "vaccines", "en", "How do vaccines train the immune system?",
            """
            A vaccine shows the immune system a harmless piece or version of a germ, so the body can learn to recognise it without getting sick. Immune cells respond by making antibodies and by creating memory cells. If the real germ arrives later, the memory cells recognise it quickly and the response is faster and stronger. That is why a vaccinated person often avoids serious illness. Some vaccines need a booster dose to keep the memory strong.
            """),
        doc(
            "git-rebase", "en", "What is the difference between git merge and git rebase?",
            """
            Both commands bring the changes of one branch into another, but they record history differently. A merge creates a new commit with two parents, so the history shows exactly when the branches came together. A rebase replays your commits on top of the other branch, one by one, producing a straight line of history. Rebasing makes the log easier to read, but it rewrites commits, so you should not rebase commits that other people have already pulled.
            """),
        doc(
            "sleep", "en", "Why is sleep important for memory?",
            """
            Sleep helps the brain turn short-term experiences into lasting memories. During deep sleep, the brain replays patterns of activity from the day, which strengthens the connections that store new facts. During dream sleep, it seems to link new memories with older ones and to process emotions. People who sleep poorly after learning usually remember less the next day. Regular, sufficient sleep is one of the simplest ways to learn better.
            """),
        doc(
            "black-holes", "en", "What is a black hole?",
            """
            A black hole is a region of space where gravity is so strong that nothing, not even light, can escape once it crosses the boundary called the event horizon. Most black holes form when a very massive star runs out of fuel and its core collapses. Astronomers cannot see a black hole directly, but they can observe the hot gas swirling around it and the way it bends light and moves nearby stars. Supermassive black holes sit at the centre of most large galaxies.
            """),
        doc(
            "recursion", "en", "Explain recursion to a beginner programmer.",
            """
            Recursion is when a function solves a problem by calling itself on a smaller version of the same problem. Every recursive function needs a base case, a simple input it can answer directly, so the calls eventually stop. For example, the factorial of a number is that number times the factorial of the number before it, and the factorial of one is one. Without a base case, the function would call itself forever and the program would run out of stack space.
            """),
        doc(
            "climate-weather", "en", "What is the difference between weather and climate?",
            """
            Weather is what the atmosphere is doing at a given place and time: rain this afternoon, a cold morning, a windy day. Climate is the pattern of weather over many years, such as the average temperature of a region in July or how much rain it usually gets in a year. A single cold winter does not change the climate, just as one rainy day does not describe a desert. Scientists study climate with records that span decades.
            """),
        doc(
            "password-hashing", "en", "Why should passwords be hashed with a slow function?",
            """
            Servers should never store passwords in plain text, so they store a hash instead. A fast hash is a poor choice, because an attacker who steals the database can try billions of guesses per second. Slow, salted functions such as bcrypt, scrypt or Argon2 make every guess expensive, and the salt ensures that two users with the same password get different hashes. The goal is to make cracking a large list of passwords take years instead of hours.
            """),
        doc(
            "compound-interest", "en", "Explain compound interest with an example.",
            """
            Compound interest means you earn interest on your interest, not only on the money you put in. Suppose you save one thousand dollars at five percent a year. After the first year you have one thousand and fifty dollars. In the second year, the five percent applies to the larger amount, so you earn fifty-two dollars and fifty cents. Over many years the growth speeds up, which is why starting to save early makes such a large difference.
            """),
        doc(
            "rainbow", "en", "Why do we see rainbows after rain?",
            """
            A rainbow appears when sunlight shines through many small drops of water in the air. Each drop bends the light as it enters, reflects it off the back of the drop, and bends it again as it leaves. Different colours bend by slightly different amounts, so white light spreads into a band from red to violet. You see a rainbow only when the sun is behind you and the rain is in front of you, which is why rainbows often appear late in the afternoon.
            """),
        doc(
            "database-index", "en", "What does a database index do?",
            """
            A database index is a separate structure that lets the database find rows without reading the whole table. Most indexes are B-trees that keep the values of one or more columns in sorted order, with pointers back to the rows. A query that filters on an indexed column can jump straight to the matching entries. The price is extra storage and slower writes, because every insert or update must also update the index, so you should index the columns your queries really use.
            """),
        doc(
            "bees", "en", "Why are bees important for agriculture?",
            """
            Bees carry pollen from flower to flower while they collect nectar, and that pollination lets many plants produce fruit and seeds. Crops such as apples, almonds, blueberries and many vegetables depend on it. Without bees, farmers would harvest far less, or would have to pollinate by hand at great cost. Wild bees matter as much as honey bees, and they need flowering plants and safe places to nest near the fields.
            """),
        doc(
            "dns", "en", "How does DNS turn a domain name into an IP address?",
            """
            When you type a domain name, your computer asks a resolver, usually run by your network provider, for the address. If the resolver has no cached answer, it asks a root server, which points it to the server for the top-level domain, such as com. That server points to the authoritative server for the domain, which returns the IP address. The resolver caches the answer for the time the record allows, so the next lookup is fast.
            """),
        doc(
            "tides", "en", "What causes ocean tides?",
            """
            Tides are caused mainly by the pull of the Moon's gravity on the oceans. The side of the Earth facing the Moon is pulled a little more strongly, and the far side a little less, which creates two bulges of water. As the Earth turns, a coast passes through both bulges, so most places see two high tides and two low tides each day. The Sun adds its own smaller pull, making spring tides stronger and neap tides weaker.
            """),
        doc(
            "unit-tests", "en", "Why should software teams write unit tests?",
            """
            Unit tests check small pieces of code in isolation, so a mistake shows up minutes after it is made instead of weeks later in production. They document how a function is meant to behave, and they make refactoring safer, because a change that breaks behaviour fails a test at once. Good tests are fast, independent and deterministic. They do not replace integration tests, but they catch most simple errors at the lowest cost.
            """),
        doc(
            "volcano", "en", "How do volcanoes form?",
            """
            Volcanoes form where molten rock, called magma, rises through the Earth's crust. Most sit at the edges of tectonic plates: where one plate sinks beneath another, it melts and feeds magma upward, and where plates pull apart, magma fills the gap. Some volcanoes, like those of Hawaii, sit above hot spots deep in the mantle. When pressure builds, magma erupts as lava, ash and gas, and layers of cooled rock slowly build the mountain.
            """),
        doc(
            "caching", "en", "What is caching and when does it help?",
            """
            Caching means keeping a copy of data close to where it is needed, so the next request does not have to fetch or compute it again. Browsers cache images, servers cache database results, and processors cache memory in small fast buffers. A cache helps when the same data is read often and changes rarely. The hard part is invalidation: deciding when a cached copy is too old and must be thrown away.
            """),
    ]
}
