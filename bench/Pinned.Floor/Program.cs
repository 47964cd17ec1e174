// Placeholder: the floor server arrives with the performance issue.
Console.WriteLine("floor");
